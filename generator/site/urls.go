package site

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckBaseURL accepts an absolute http(s) URL without query or fragment.
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("baseURL %q is not an absolute http(s) address; expected e.g. \"https://privacy.example.com/\"", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("baseURL %q has a query, fragment or user name; expected a plain address", s)
	}
	return nil
}

// CheckWebURL accepts only http(s) URLs, so a value can never become a
// javascript: or data: link on a page.
func CheckWebURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n\"<>") {
		return fmt.Errorf("%q is not an http(s) address; expected e.g. \"https://example.com\"", s)
	}
	return nil
}
