package serve

import (
	"bytes"
	"html"
	"strconv"

	"github.com/noticegen/noticegen/generator/diag"
)

// Paths served by serve itself, outside any site's own paths.
const (
	eventsPath = "/__noticegen/events"
	scriptPath = "/__noticegen/live.js"
)

// liveScript reloads the page when its own output changed and shows the
// error overlay while a rebuild fails. It keeps the scroll position across a
// reload. It builds the overlay with textContent only, so nothing from an
// error message can become markup.
const liveScript = `(function () {
  "use strict";
  var me = document.currentScript;
  var page = me.getAttribute("data-page");
  var version = me.getAttribute("data-version");
  var key = "noticegen-scroll:" + page;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, +saved); });
    window.scrollTo(0, +saved);
  }
  function overlay(errors) {
    var old = document.getElementById("noticegen-overlay");
    if (old) { old.remove(); }
    if (!errors || errors.length === 0) { return; }
    var box = document.createElement("div");
    box.id = "noticegen-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#2b0b0b;color:#fff;border:2px solid #ff6b6b;border-radius:8px;padding:1rem 1.25rem;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)";
    var h = document.createElement("strong");
    h.textContent = "noticegen: the last edit broke the build (" + errors.length + (errors.length === 1 ? " error" : " errors") +
      "). Showing the last good version.";
    box.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      var pos = document.createElement("span");
      pos.style.color = "#ffb3b3";
      pos.textContent = e.pos;
      li.appendChild(pos);
      li.appendChild(document.createTextNode(": " + e.message));
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  var source = new EventSource("` + eventsPath + `?page=" + encodeURIComponent(page));
  source.addEventListener("build", function (ev) {
    var m = JSON.parse(ev.data);
    document.documentElement.setAttribute("data-noticegen-build", String(m.build));
    overlay(m.errors);
    var v = m.versions ? m.versions[page] : undefined;
    if (v !== undefined && v !== version) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
    }
  });
})();
`

// inject adds the live-reload script, and the overlay when the site is
// broken, before </body> of an HTML page served by serve. The script tag
// carries the build the page was served from (data-build, the same number
// as the X-Noticegen-Build header), so a test, or a person with the
// browser's inspector, can tell which snapshot a page came from.
func inject(page []byte, urlPath, version string, build int64, errs diag.List) []byte {
	var tag bytes.Buffer
	if len(errs) > 0 {
		tag.WriteString(`<div id="noticegen-overlay" role="alert" style="position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0b;color:#fff;border:2px solid #ff6b6b;border-radius:8px;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,monospace">`)
		tag.WriteString("<strong>noticegen: the last edit broke the build (" + strconv.Itoa(len(errs)) + plural(len(errs), " error", " errors") + "). Showing the last good version.</strong><ul>")
		for _, d := range errs {
			// Escaped as on the terminal: HTML forbids control characters,
			// and a message made outside diag.List (a template's error)
			// may carry one.
			d = d.Escaped()
			tag.WriteString(`<li><span style="color:#ffb3b3">` + html.EscapeString(d.Pos()) + "</span>: " + html.EscapeString(d.Message) + "</li>")
		}
		tag.WriteString("</ul></div>")
	}
	tag.WriteString(`<script src="` + scriptPath + `" data-page="` + html.EscapeString(urlPath) + `" data-version="` + html.EscapeString(version) + `" data-build="` + strconv.FormatInt(build, 10) + `"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+tag.Len())
	out = append(out, page[:i]...)
	out = append(out, tag.Bytes()...)
	return append(out, page[i:]...)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
