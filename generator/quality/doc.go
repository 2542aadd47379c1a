// Package quality holds no code: its tests build sites and check the pages
// with the tools readers' browsers and auditors use — the Nu HTML Checker,
// axe-core in headless Chromium, the sitemap schema, print to PDF — and
// save screenshots under testdata/artifacts for a person to look at.
package quality
