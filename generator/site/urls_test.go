package site

import "testing"

func TestCheckBaseURL(t *testing.T) {
	const eg = `; expected e.g. "https://privacy.example.com/"`
	tests := []struct{ in, want string }{
		{"https://privacy.example.com/", ""},
		{"https://privacy.example.com", ""},
		{"http://localhost:8080/privacy/", ""},
		{"https://xn--bcher-kva.example/", ""},
		{"https://[::1]:8443/", ""},
		{"https://192.0.2.1/", ""},
		{"https://example.com/a%20b/(x)/~y/", ""},
		{"ftp://x", `baseURL "ftp://x" is not an absolute http(s) address` + eg},
		{"HTTPS://example.com/", `baseURL "HTTPS://example.com/" has its scheme in capitals; expected "https://example.com/"`},
		{"Http://example.com/", `baseURL "Http://example.com/" has its scheme in capitals; expected "http://example.com/"`},
		{" https://example.com/", `baseURL " https://example.com/" has spaces at its start or end; expected "https://example.com/"`},
		{"https://example.com/ ", `baseURL "https://example.com/ " has spaces at its start or end; expected "https://example.com/"`},
		{"https://example.com./", `baseURL "https://example.com./" has host "example.com.", which ends in a dot; expected "example.com"`},
		{"https://example.com/a/../b/", `baseURL "https://example.com/a/../b/" has the path segment ".."; expected a path without empty, . or .. segments, such as /privacy/`},
		{"https://example.com/./", `baseURL "https://example.com/./" has the path segment "."; expected a path without empty, . or .. segments, such as /privacy/`},
		{"https://example.com//", `baseURL "https://example.com//" has the path segment ""; expected a path without empty, . or .. segments, such as /privacy/`},
		{"https://example.com/a//b", `baseURL "https://example.com/a//b" has the path segment ""; expected a path without empty, . or .. segments, such as /privacy/`},
		{"https://example.com/a/b", ""},
		{"https://example.com/%2E%2e/", `baseURL "https://example.com/%2E%2e/" has the path segment "%2E%2e"; expected a path without empty, . or .. segments, such as /privacy/`},
		{"https://example.com/..a/", ""},
		{"https:/example.com/", `baseURL "https:/example.com/" is not an absolute http(s) address` + eg},
		{"https://example.com/a%zz/", `baseURL "https://example.com/a%zz/" is not a valid address (invalid URL escape "%zz")` + eg},
		{"https://exa mple.com/", `baseURL "https://exa mple.com/" is not a valid address (invalid character " " in host name)` + eg},
		{"https://example.com/?q", `baseURL "https://example.com/?q" has a query, fragment or user name; expected a plain address`},
		{"https://example.com/?", `baseURL "https://example.com/?" has a query, fragment or user name; expected a plain address`},
		{"https://me@example.com/", `baseURL "https://me@example.com/" has a query, fragment or user name; expected a plain address`},
		{"https://example.com:99999/", `baseURL "https://example.com:99999/" has port "99999"; expected a port from 1 to 65535, or none`},
		{"https://example.com:0/", `baseURL "https://example.com:0/" has port "0"; expected a port from 1 to 65535, or none`},
		{"https://example.com:/", `baseURL "https://example.com:/" has an empty port after the colon; expected a port from 1 to 65535, or no colon`},
		{`https://exa"mple.com/`, `baseURL "https://exa\"mple.com/" has host "exa\"mple.com", which is no host name; expected letters, digits, - and dots such as privacy.example.com (an international name as xn--…), or an IP address`},
		{"https://bücher.example/", `baseURL "https://bücher.example/" has host "bücher.example", which is no host name; expected letters, digits, - and dots such as privacy.example.com (an international name as xn--…), or an IP address`},
		{"https://a_b.example/", `baseURL "https://a_b.example/" has host "a_b.example", which is no host name; expected letters, digits, - and dots such as privacy.example.com (an international name as xn--…), or an IP address`},
		{"https://192.0.2.999/", `baseURL "https://192.0.2.999/" has host "192.0.2.999", which is no host name; expected letters, digits, - and dots such as privacy.example.com (an international name as xn--…), or an IP address`},
		{"https://example.com/a b/", `baseURL "https://example.com/a b/" has characters that an address must percent-encode; expected "https://example.com/a%20b/"`},
		{`https://example.com/a"b/`, `baseURL "https://example.com/a\"b/" has characters that an address must percent-encode; expected "https://example.com/a%22b/"`},
		{"https://example.com/<p>/", `baseURL "https://example.com/<p>/" has characters that an address must percent-encode; expected "https://example.com/%3Cp%3E/"`},
		{"https://example.com/straße/", `baseURL "https://example.com/straße/" has characters that an address must percent-encode; expected "https://example.com/stra%C3%9Fe/"`},
	}
	for _, tt := range tests {
		err := CheckBaseURL(tt.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckBaseURL(%q) = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
