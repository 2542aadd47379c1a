// Package records makes the records of processing activities (Art. 30(1)
// GDPR) of each entity from the facts its notices publish, so that the
// records and the notices cannot say different things. Records are for the
// controller's own use and are never published by build.
package records

import (
	"strings"

	"github.com/noticegen/noticegen/generator/activity"
	"github.com/noticegen/noticegen/generator/compose"
	"github.com/noticegen/noticegen/generator/diag"
	"github.com/noticegen/noticegen/generator/locale"
	"github.com/noticegen/noticegen/generator/site"
	"github.com/noticegen/noticegen/generator/vocab"
)

// Records are the records of all entities of a site in one language.
type Records struct {
	Lang     string   `json:"lang"`
	Entities []Entity `json:"entities"`
}

// Entity is one controller's record: who it is (Art. 30(1)(a)) and what it
// processes, one row per processing activity.
type Entity struct {
	ID         string     `json:"id"`
	Controller Controller `json:"controller"`
	Activities []Row      `json:"activities"`
}

// Controller is the controller block of a record (Art. 30(1)(a)).
type Controller struct {
	Name             string   `json:"name"`
	Address          string   `json:"address,omitempty"`
	Email            string   `json:"email,omitempty"`
	Phone            string   `json:"phone,omitempty"`
	Website          string   `json:"website,omitempty"`
	DPO              string   `json:"dpo,omitempty"`
	DPOContact       string   `json:"dpoContact,omitempty"`
	DPONone          string   `json:"dpoNone,omitempty"`
	Representative   string   `json:"representative,omitempty"`
	JointControllers []string `json:"jointControllers,omitempty"`
	Authority        string   `json:"authority,omitempty"`
}

// Row is one processing activity: one section with legal bases that the
// entity publishes in any of its notices.
type Row struct {
	Section            string   `json:"section"`
	Title              string   `json:"title"`
	Purposes           []string `json:"purposes"`
	LegalBases         []string `json:"legalBases"`
	LegitimateInterest string   `json:"legitimateInterest,omitempty"`
	DataSubjects       []string `json:"dataSubjects"`
	DataCategories     []string `json:"dataCategories"`
	Recipients         []string `json:"recipients"`
	Providers          []string `json:"providers"`
	ThirdCountries     []string `json:"thirdCountries"`
	Safeguards         []string `json:"safeguards"`
	Retention          string   `json:"retention,omitempty"`
	Source             string   `json:"source,omitempty"`
	Measures           []string `json:"measures"`
	Notices            []Notice `json:"notices"`
}

// Notice is a notice that publishes an activity, with its page's URL.
type Notice struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

// Make returns the records of s in lang from its composed pages. When a
// section's facts differ between notices of one entity, the first notice's
// (in page order) are taken; facts are per section and entity, so they
// should not.
func Make(s *site.Site, cat *locale.Catalog, pages []*compose.Page, lang string) (*Records, diag.List) {
	var diags diag.List
	def := s.Config.DefaultLanguage
	label := func(id string) string {
		l, err := cat.T(lang, id, nil)
		if err != nil {
			diags.Add(diag.Diagnostic{Severity: diag.Error, Message: err.Error()})
		}
		return l
	}
	res := activity.NewResolver(s)
	recs := &Records{Lang: lang}
	base := strings.TrimSuffix(s.Config.BaseURL, "/") + "/"
	for _, e := range s.Entities {
		ent := Entity{ID: e.ID, Controller: controller(e, lang, def), Activities: []Row{}}
		index := map[string]int{}
		for _, p := range pages {
			if p.Entity != e || p.Lang != lang {
				continue
			}
			for _, part := range p.Parts {
				a := res.Of(part, lang)
				if !a.Processing {
					continue
				}
				n := Notice{ID: p.Notice.ID, URL: base + p.Path()}
				if i, ok := index[a.ID]; ok {
					ent.Activities[i].Notices = append(ent.Activities[i].Notices, n)
					continue
				}
				for _, pr := range a.Providers {
					if pr.Role == vocab.RoleJointController {
						ent.Controller.JointControllers = appendNew(ent.Controller.JointControllers, pr.Name)
					}
				}
				row := Row{Section: a.ID, Title: a.Title, Purposes: nonNil(a.Purposes),
					LegitimateInterest: a.LegitimateInterest, DataSubjects: nonNil(a.DataSubjects),
					DataCategories: nonNil(a.DataCategories), Recipients: nonNil(a.Recipients),
					Retention: a.Retention, Source: a.Source, Measures: nonNil(a.Measures),
					Notices: []Notice{n}, LegalBases: []string{}, Providers: []string{},
					ThirdCountries: []string{}, Safeguards: []string{}}
				for _, code := range a.LegalBases {
					l, err := cat.LegalBasis(lang, code)
					if err != nil {
						diags.Add(diag.Diagnostic{Severity: diag.Error, Message: err.Error()})
					}
					row.LegalBases = append(row.LegalBases, l)
				}
				for _, pr := range a.Providers {
					var in []string
					if pr.Role != "" {
						in = append(in, label(vocab.RolePrefix+pr.Role))
					}
					if pr.Country != "" {
						in = append(in, pr.Country)
					}
					name := pr.Name
					if len(in) > 0 {
						name += " (" + strings.Join(in, ", ") + ")"
					}
					row.Providers = append(row.Providers, name)
				}
				for _, c := range a.ThirdCountries {
					row.ThirdCountries = append(row.ThirdCountries, locale.CountryName(lang, c))
				}
				for _, sg := range a.Safeguards {
					row.Safeguards = append(row.Safeguards, label(vocab.SafeguardPrefix+sg))
				}
				index[a.ID] = len(ent.Activities)
				ent.Activities = append(ent.Activities, row)
			}
		}
		recs.Entities = append(recs.Entities, ent)
	}
	return recs, diags
}

func controller(e *site.Entity, lang, def string) Controller {
	c := Controller{Name: e.Name.Get(lang, def), Address: e.Address.Get(lang, def),
		Email: e.Email, Phone: e.Phone, Website: e.Website}
	if d := e.DPO; d != nil {
		c.DPO = d.Name.Get(lang, def)
		c.DPOContact = join(d.Email, d.Phone, d.Address.Get(lang, def))
		c.DPONone = d.None.Get(lang, def)
	}
	if r := e.Representative; r != nil {
		c.Representative = join(r.Name.Get(lang, def), r.Address.Get(lang, def), r.Email)
	}
	for _, jc := range e.JointControllers {
		c.JointControllers = appendNew(c.JointControllers, jc.Name.Get(lang, def))
	}
	if a := e.Authority; a != nil {
		c.Authority = join(a.Name.Get(lang, def), a.Address.Get(lang, def), a.Email, a.URL)
	}
	return c
}

func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

func appendNew(list []string, vs ...string) []string {
	for _, v := range vs {
		found := false
		for _, x := range list {
			found = found || x == v
		}
		if v != "" && !found {
			list = append(list, v)
		}
	}
	return list
}
