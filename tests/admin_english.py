"""English that once showed in the admin a reporter or an editor uses, and how a page's words are gathered.

FORBIDDEN was built by walking every page of tests/test_browser_admin_vietnamese.py once in a
real browser and writing down each English string it found (Django's, CKEditor's, ours); each
was then given its Vietnamese (locale/vi/LC_MESSAGES/django.po and djangojs.po,
static/articles/admin/ckeditor_vi.js). A page fails if any of them shows again.
Whole words, any case (the admin shows some headings in capitals): "entry" does not match "id_entry".
"""

import re
from html.parser import HTMLParser

FORBIDDEN = [
    # Django's admin templates: strings its Vietnamese catalogue lacks, or has under another msgid.
    "Skip to main content",
    "Toggle theme",
    "Toggle navigation",
    "Breadcrumbs",
    "Sidebar",
    "Filter navigation items",
    "Select all objects on this page for an action",
    "Select this object for an action",
    "Show counts",
    "Hide counts",
    "Please correct the error below.",
    "Please correct the errors below.",
    "Error:",
    "Added:",
    "Changed:",
    "Deleted:",
    "entry",
    "entries",
    "Model name",
    "Add link",
    "Change or view list link",
    "View selected",
    "models",  # Django's Vietnamese for "Models in the %(name)s application": "Các mô models trong ..."
    "web admin",  # ... and for the history page without a change history
    "Search",  # the magnifier's alt text, hard-coded in Django's admin/search_form.html
    "True",  # the alt text of Django's yes/no icons (a section's "needs sign-off" column)
    "False",
    # Django's date picker (the admin's JavaScript catalogue).
    "Sunday",
    "Monday",
    "Saturday",
    # CKEditor 4: its vi.js lacks these, or leaves them in English.
    "Rich Text Editor",
    "id_body",  # the editing area's name as screen readers said it
    "body",  # the elements path under the text ("body p")
    "Display Text",
    "Phone number",
    "Phone",
    "Please type the phone number",
    "Force Download",
    "Heading",
    "popup",
    "Column Header",
    "Row Header",
    "widget",
    "Inside a dialog",  # the keyboard help (Alt+0)
    "Paste as plain text",
    "Press",
]

_PATTERNS = [
    (phrase, re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", re.IGNORECASE)) for phrase in FORBIDDEN
]


def english_in(texts):
    """The forbidden phrases found in `texts` (strings), each with the first text it was in."""
    found = {}
    for text in texts:
        for phrase, pattern in _PATTERNS:
            match = pattern.search(text) if phrase not in found else None
            if match:
                found[phrase] = text[max(match.start() - 60, 0) : match.end() + 60]
    return found


class _PageWords(HTMLParser):
    """What a browser would show or read out of an HTML page: text outside scripts, and the attributes."""

    ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "aria-placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        values = dict(attrs)
        self.texts += [values[name] for name in self.ATTRIBUTES if values.get(name)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(values["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.append(data.strip())


def page_words(html):
    """The words of a rendered page, as the browser walk gathers them (without running its scripts)."""
    parser = _PageWords()
    parser.feed(html)
    return parser.texts


# Run in the page (and in each frame): every visible text, then the attributes screen readers
# and tooltips read, the options of every list, and the document's title.
COLLECT_JS = r"""() => {
  let text = document.body ? document.body.innerText : "";
  // CKEditor writes its upload frames with inline scripts, whose code innerText returns there.
  for (const script of document.querySelectorAll("body script")) {
    if (script.textContent.trim()) text = text.split(script.textContent).join("\n");
  }
  const out = [document.title, text];
  for (const el of document.querySelectorAll("[aria-label], [title], [alt], [placeholder], [aria-placeholder]")) {
    for (const name of ["aria-label", "title", "alt", "placeholder", "aria-placeholder"]) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
  }
  for (const option of document.querySelectorAll("option")) out.push(option.textContent);
  for (const input of document.querySelectorAll("input[type=submit], input[type=button]")) out.push(input.value);
  return out;
}"""
