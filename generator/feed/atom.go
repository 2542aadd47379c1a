// Package feed writes Atom 1.0 feeds (RFC 4287). It knows the format and
// nothing of notices: the renderer decides what a feed and its entries
// say, this package only encodes them, through encoding/xml so that every
// text is escaped by the standard library.
package feed

import (
	"encoding/xml"
	"errors"
	"io"
	"time"
)

// NS is the Atom namespace, RFC 4287 section 2.
const NS = "http://www.w3.org/2005/Atom"

// Feed is an atom:feed. ID, Title and Updated are required; Author is
// required unless every entry has one, so Encode refuses a feed without it.
type Feed struct {
	XMLName   xml.Name  `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string    `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string    `xml:"id"`
	Title     Text      `xml:"title"`
	Subtitle  *Text     `xml:"subtitle,omitempty"`
	Updated   Time      `xml:"updated"`
	Author    *Person   `xml:"author"`
	Links     []Link    `xml:"link"`
	Generator Generator `xml:"generator"`
	Entries   []Entry   `xml:"entry"`
}

// Entry is an atom:entry.
type Entry struct {
	ID        string  `xml:"id"`
	Title     Text    `xml:"title"`
	Updated   Time    `xml:"updated"`
	Published *Time   `xml:"published,omitempty"`
	Author    *Person `xml:"author,omitempty"`
	Links     []Link  `xml:"link"`
	Summary   *Text   `xml:"summary,omitempty"`
}

// Text is an atom text construct. Only type="text" is written: an entry's
// words are the notice's own, never markup.
type Text struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// Plain returns s as a text construct.
func Plain(s string) Text { return Text{Type: "text", Body: s} }

// Person is an atom:author.
type Person struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

// Link is an atom:link.
type Link struct {
	Rel      string `xml:"rel,attr,omitempty"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
	Title    string `xml:"title,attr,omitempty"`
}

// Generator is the atom:generator.
type Generator struct {
	URI  string `xml:"uri,attr,omitempty"`
	Body string `xml:",chardata"`
}

// Time is an Atom date (RFC 3339), written in UTC.
type Time time.Time

// MarshalText writes t as RFC 3339 in UTC.
func (t Time) MarshalText() ([]byte, error) {
	return []byte(time.Time(t).UTC().Format(time.RFC3339)), nil
}

// Encode writes f as an XML document, indented, ending in a newline.
func Encode(w io.Writer, f *Feed) error {
	if f.ID == "" || f.Title.Body == "" || time.Time(f.Updated).IsZero() {
		return errors.New("atom feed needs an id, a title and an updated date")
	}
	if f.Author == nil || f.Author.Name == "" {
		return errors.New("atom feed needs an author")
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title.Body == "" || time.Time(e.Updated).IsZero() {
			return errors.New("atom entry needs an id, a title and an updated date")
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
