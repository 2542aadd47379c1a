package records

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ControllerFields are the labels and values of an entity's controller
// block (Art. 30(1)(a)), in the order the XLSX sheet shows them.
func (c Controller) Fields() [][2]string {
	return [][2]string{
		{"Controller", c.Name}, {"Address", c.Address}, {"Email", c.Email}, {"Phone", c.Phone},
		{"Website", c.Website}, {"Data protection officer", c.DPO}, {"DPO contact", c.DPOContact},
		{"No DPO because", c.DPONone}, {"Representative (Art. 27)", c.Representative},
		{"Joint controllers", strings.Join(c.JointControllers, sep)}, {"Supervisory authority", c.Authority},
	}
}

// widths are the column widths of the activity table, in characters.
var widths = []float64{22, 28, 36, 24, 36, 24, 36, 28, 36, 18, 36, 36, 24, 44, 50}

// SheetNames returns a sheet name per entity: its name cut to the 31
// characters a sheet name may hold, without the characters it may not,
// and made unique with a number.
func SheetNames(r *Records) []string {
	seen := map[string]bool{}
	var names []string
	for _, e := range r.Entities {
		base := strings.Map(func(c rune) rune {
			if strings.ContainsRune(`[]:*?/\`, c) {
				return '-'
			}
			return c
		}, e.Controller.Name)
		if base == "" {
			base = e.ID
		}
		name := cut(base, 31)
		for i := 2; seen[strings.ToLower(name)]; i++ {
			suffix := fmt.Sprintf(" (%d)", i)
			name = cut(base, 31-len(suffix)) + suffix
		}
		seen[strings.ToLower(name)] = true
		names = append(names, name)
	}
	return names
}

func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// WriteXLSX returns a workbook with one sheet per entity: the controller
// block as label/value rows, a blank row, then the activity table with a
// bold header, an autofilter and the panes frozen below the header.
func WriteXLSX(r *Records) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE4EE"}}})
	if err != nil {
		return nil, err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	labelStyle, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return nil, err
	}
	names := SheetNames(r)
	for i, e := range r.Entities {
		sh := names[i]
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(sh); err != nil {
			return nil, err
		}
		row, err := controllerBlock(f, sh, e.Controller, labelStyle, wrap)
		if err != nil {
			return nil, err
		}
		row++ // a blank row between the block and the table
		header := row
		cells := [][]string{Columns}
		for _, a := range e.Activities {
			cells = append(cells, a.Cells())
		}
		for _, rc := range cells {
			for c, v := range rc {
				name, _ := excelize.CoordinatesToCellName(c+1, row)
				if err := f.SetCellStr(sh, name, v); err != nil {
					return nil, err
				}
			}
			row++
		}
		first, _ := excelize.CoordinatesToCellName(1, header)
		last, _ := excelize.CoordinatesToCellName(len(Columns), header)
		end, _ := excelize.CoordinatesToCellName(len(Columns), row-1)
		if err := f.SetCellStyle(sh, first, last, bold); err != nil {
			return nil, err
		}
		if row-1 > header {
			below, _ := excelize.CoordinatesToCellName(1, header+1)
			if err := f.SetCellStyle(sh, below, end, wrap); err != nil {
				return nil, err
			}
		}
		if err := f.AutoFilter(sh, first+":"+end, nil); err != nil {
			return nil, err
		}
		top, _ := excelize.CoordinatesToCellName(1, header+1)
		if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		for c, w := range widths {
			col, _ := excelize.ColumnNumberToName(c + 1)
			if err := f.SetColWidth(sh, col, col, w); err != nil {
				return nil, err
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// controllerBlock writes c as label/value rows from row 1 and returns the
// first row below them.
func controllerBlock(f *excelize.File, sh string, c Controller, labelStyle, wrap int) (int, error) {
	row := 1
	for _, kv := range c.Fields() {
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(2, row)
		if err := f.SetCellStr(sh, a, kv[0]); err != nil {
			return 0, err
		}
		if err := f.SetCellStr(sh, b, kv[1]); err != nil {
			return 0, err
		}
		_ = f.SetCellStyle(sh, a, a, labelStyle)
		_ = f.SetCellStyle(sh, b, b, wrap)
		row++
	}
	return row, nil
}
