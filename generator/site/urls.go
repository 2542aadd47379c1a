package site

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// CheckBaseURL accepts an absolute http(s) URL without query, fragment or
// user name, whose host is a host name or IP address, whose port (if any)
// is 1–65535, and which is written as a URL is sent: with no character that
// would have to be percent-encoded, no space around it, a lower-case scheme,
// no dot at the end of the host and no empty, . or .. path segment. It is written as it is into the
// sitemap and into every page's canonical link, so both say the same and
// neither is a URL a crawler refuses.
func CheckBaseURL(s string) error {
	if t := strings.TrimSpace(s); t != s {
		return fmt.Errorf("baseURL %q has spaces at its start or end; expected %q", s, t)
	}
	if scheme, rest, ok := strings.Cut(s, "://"); ok && scheme != strings.ToLower(scheme) && (strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) {
		return fmt.Errorf("baseURL %q has its scheme in capitals; expected %q", s, strings.ToLower(scheme)+"://"+rest)
	}
	u, err := url.Parse(s)
	var ue *url.Error
	if errors.As(err, &ue) && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")) {
		return fmt.Errorf("baseURL %q is not a valid address (%v); expected e.g. \"https://privacy.example.com/\"", s, ue.Err)
	}
	if err != nil || !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") || u.Host == "" {
		return fmt.Errorf("baseURL %q is not an absolute http(s) address; expected e.g. \"https://privacy.example.com/\"", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || strings.ContainsAny(s, "?#") {
		return fmt.Errorf("baseURL %q has a query, fragment or user name; expected a plain address", s)
	}
	if port := u.Port(); port != "" || strings.HasSuffix(u.Host, ":") {
		if port == "" {
			return fmt.Errorf("baseURL %q has an empty port after the colon; expected a port from 1 to 65535, or no colon", s)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || port[0] == '0' {
			return fmt.Errorf("baseURL %q has port %q; expected a port from 1 to 65535, or none", s, port)
		}
	}
	if host := u.Hostname(); strings.HasSuffix(host, ".") && validHost(strings.TrimSuffix(host, ".")) {
		return fmt.Errorf("baseURL %q has host %q, which ends in a dot; expected %q", s, host, strings.TrimSuffix(host, "."))
	}
	if host := u.Hostname(); !validHost(host) {
		return fmt.Errorf("baseURL %q has host %q, which is no host name; expected letters, digits, - and dots such as privacy.example.com (an international name as xn--…), or an IP address", s, host)
	}
	if e := u.String(); e != s {
		return fmt.Errorf("baseURL %q has characters that an address must percent-encode; expected %q", s, e)
	}
	// A browser and a crawler resolve . and .. (also written %2e) away,
	// and // is a path of its own: the canonical links would name pages
	// at other addresses.
	for _, seg := range strings.Split(strings.TrimSuffix(strings.TrimPrefix(u.EscapedPath(), "/"), "/"), "/") {
		if dots, _ := url.PathUnescape(seg); dots == "." || dots == ".." || seg == "" && u.EscapedPath() != "" && u.EscapedPath() != "/" {
			return fmt.Errorf("baseURL %q has the path segment %q; expected a path without empty, . or .. segments, such as /privacy/", s, seg)
		}
	}
	return nil
}

// validHost reports whether h is an IP address or a host name in ASCII:
// dot-separated labels of letters, digits and inner hyphens, at most 63
// characters each and 253 in all, the last not all digits.
func validHost(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	if len(h) == 0 || len(h) > 253 {
		return false
	}
	labels := strings.Split(h, ".")
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	last := labels[len(labels)-1]
	return strings.Trim(last, "0123456789") != ""
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
