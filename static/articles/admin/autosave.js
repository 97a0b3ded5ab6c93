/* Newsroom: nothing lost while writing (the autosave and the restore offer).
 *
 * A few seconds after typing stops, the article form's text (title, lead, body in
 * CKEditor, the other plain text fields) is posted as the writer's private autosave,
 * and kept in localStorage until the server has it, for a dropped connection. When
 * the form opens with an autosave that differs from it, a banner offers to restore
 * it. autosave_session.js, loaded next, checks the session before the form is saved
 * and asks for a login when it has ended; it uses window.newsroomAutosave.
 *
 * Everything it needs (URLs, the user, the server's autosave, the Vietnamese text)
 * is in the #autosave-config JSON rendered by articles/admin/autosave.py.
 */
;(() => {
  "use strict"

  const configScript = document.getElementById("autosave-config")
  const form = document.getElementById("article_form")
  if (!configScript || !form) {
    return
  }
  const config = JSON.parse(configScript.textContent)
  const text = config.messages
  const RETRY_MS = [5000, 15000, 30000, 60000]
  const MAX_WAIT_MS = 30000 // someone typing without a pause is still autosaved this often
  const KEEPALIVE_LIMIT = 60000 // browsers refuse keepalive requests above 64 KB
  const DATA_IMAGE = /<img[^>]+src=["']?data:[^>]*>/gi

  const bodyArea = form.querySelector("textarea[name=body]")
  let editor = null
  let saved = null // the text the server is known to hold, as JSON
  let timer = null
  let firstChangeAt = 0
  let retries = 0
  let halted = false // refused for good (no longer editable): no more tries on this page
  let submitting = false // the form is being saved: no more autosaves from this page
  let queue = Promise.resolve()

  // --- the form's text -------------------------------------------------------

  function textInputs() {
    return config.fields
      .map((name) => form.elements.namedItem(name))
      .filter((el) => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && !el.disabled)
  }

  function fieldValues() {
    const fields = {}
    for (const input of textInputs()) {
      fields[input.name] = input.value
    }
    return fields
  }

  function bodyHtml() {
    const html = editor ? editor.getData() : bodyArea ? bodyArea.value : ""
    // Images still uploading are data: URLs, which the server's sanitiser drops anyway.
    return html.replace(DATA_IMAGE, "")
  }

  function content() {
    return { fields: fieldValues(), body: bodyHtml() }
  }

  const norm = (value) => String(value || "").split(/\s+/).filter(Boolean).join(" ")

  // The server's rule too (ArticleAutosave.differs_from): whitespace aside, fields both sides have.
  function sameText(a, b) {
    if (norm(a.body) !== norm(b.body)) {
      return false
    }
    return Object.keys(a.fields).every((name) => !(name in b.fields) || norm(a.fields[name]) === norm(b.fields[name]))
  }

  const fill = (template, values) => template.replace(/%\((\w+)\)s/g, (match, key) => values[key] ?? match)

  function timeLabel(ms) {
    // As the server says it (ArticleAutosave.time_label): HH:MM in Vietnam time, the date if not today.
    const format = (date, options) =>
      new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: config.time_zone }, options)).format(date)
    const day = (date) => format(date, { day: "2-digit", month: "2-digit", year: "numeric" })
    const when = new Date(ms)
    const time = format(when, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    return day(when) === day(new Date()) ? time : fill(text.on_date, { time, date: day(when) })
  }

  // --- the copy in this browser ------------------------------------------------

  function readLocal() {
    try {
      const entry = JSON.parse(localStorage.getItem(config.storage_key))
      const valid = entry && typeof entry.body === "string" && entry.fields && typeof entry.fields === "object"
      return valid ? entry : null
    } catch {
      return null
    }
  }

  function writeLocal(data) {
    try {
      localStorage.setItem(
        config.storage_key,
        JSON.stringify({ fields: data.fields, body: data.body, version: config.version, savedAt: Date.now() }),
      )
    } catch {
      // Storage full or turned off: the server's copy still stands.
    }
  }

  function clearLocal(data) {
    const entry = readLocal()
    if (entry && (!data || sameText(entry, data))) {
      localStorage.removeItem(config.storage_key)
    }
  }

  // --- CSRF: Django rotates the token at login, so the cookie is the current one ----------

  function cookieToken() {
    const match = document.cookie.match(new RegExp(`(?:^|;\\s*)${config.csrf_cookie}=([^;]+)`))
    return match ? decodeURIComponent(match[1]) : ""
  }

  function csrfToken() {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]")
    return cookieToken() || (input ? input.value : "")
  }

  function refreshCsrf() {
    const token = cookieToken()
    if (token) {
      for (const input of document.querySelectorAll("input[name=csrfmiddlewaretoken]")) {
        input.value = token
      }
    }
  }

  // --- status beside the save buttons --------------------------------------------

  const status = document.createElement("p")
  status.className = "autosave-status"
  status.setAttribute("role", "status")
  status.setAttribute("aria-live", "polite")
  status.hidden = true
  const rows = form.querySelectorAll(".submit-row")
  ;(rows.length ? rows[rows.length - 1] : form).append(status)

  function say(message, ...extra) {
    status.replaceChildren(message, ...extra)
    status.hidden = !message
  }

  function button(label, onClick) {
    const el = document.createElement("button")
    el.type = "button"
    el.className = "button"
    el.textContent = label
    el.addEventListener("click", onClick)
    return el
  }

  // --- autosave --------------------------------------------------------------

  function changed() {
    if (submitting || halted) {
      return
    }
    const now = Date.now()
    if (!timer) {
      firstChangeAt = now
    }
    clearTimeout(timer)
    timer = setTimeout(flush, now - firstChangeAt >= MAX_WAIT_MS ? 0 : config.idle_ms)
  }

  function retryLater() {
    say(text.failed)
    clearTimeout(timer)
    timer = setTimeout(flush, RETRY_MS[Math.min(retries++, RETRY_MS.length - 1)])
  }

  // One request at a time, in order; resolves to what happened.
  function flush(options) {
    clearTimeout(timer)
    timer = null
    const run = queue.then(() => send(options))
    queue = run.catch(() => {})
    return run
  }

  // "saved", "unchanged", "logged-out", "offline", "refused" or "error".
  async function send({ keepalive = false } = {}) {
    const data = content()
    const json = JSON.stringify(data)
    if (json === saved) {
      return "unchanged"
    }
    writeLocal(data)
    const payload = JSON.stringify({ fields: data.fields, body: data.body, version: config.version, user: config.user })
    let response
    try {
      response = await fetch(config.url, {
        method: "POST",
        credentials: "same-origin",
        keepalive: keepalive && payload.length < KEEPALIVE_LIMIT,
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
        body: payload,
      })
    } catch {
      retryLater()
      return "offline"
    }
    const answer = await response.json().catch(() => ({}))
    if (response.ok) {
      saved = json
      retries = 0
      clearLocal(data)
      say(fill(text.saved, { time: answer.label }))
      return "saved"
    }
    if (response.status === 401) {
      say(text.logged_out)
      form.dispatchEvent(new CustomEvent("autosave:logged-out")) // autosave_session.js offers the login
      return "logged-out"
    }
    if (answer.error && (response.status === 403 || response.status === 404)) {
      halted = true
      say(answer.error)
      return "refused"
    }
    if (answer.error && (response.status === 400 || response.status === 413)) {
      say(answer.error) // the same text would be refused again; the next change tries again
      return "refused"
    }
    retryLater() // a CSRF refusal (cookie rotated by a login elsewhere) or a server error
    return "error"
  }

  // --- restore ---------------------------------------------------------------

  function apply(candidate) {
    for (const input of textInputs()) {
      if (typeof candidate.fields[input.name] === "string") {
        input.value = candidate.fields[input.name]
      }
    }
    if (editor) {
      editor.setData(candidate.body)
    } else if (bodyArea) {
      bodyArea.value = candidate.body
    }
  }

  async function discard() {
    localStorage.removeItem(config.storage_key)
    try {
      await fetch(config.url, {
        method: "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      })
    } catch {
      // Offline: the server's copy is offered again next time.
    }
  }

  function offer(candidate) {
    const banner = document.createElement("div")
    banner.className = "autosave-banner"
    banner.setAttribute("role", "alert")
    const message = document.createElement("span")
    message.textContent = fill(text.offer, { time: candidate.label })
    banner.append(message)
    if (config.version !== null && candidate.version !== config.version) {
      const warning = document.createElement("em")
      warning.textContent = text.older_version
      banner.append(warning)
    }
    banner.append(
      button(text.restore, () => {
        banner.remove()
        apply(candidate)
        changed() // the server (and the copy here) then hold what the form shows
      }),
      button(text.discard, () => {
        banner.remove()
        discard()
      }),
    )
    const top = form.querySelector(":scope > div") || form
    top.prepend(banner)
  }

  function offerNewest(current) {
    const candidates = []
    if (config.pending) {
      candidates.push(Object.assign({ time: Date.parse(config.pending.saved_at) }, config.pending))
    }
    const local = readLocal()
    if (local && sameText(local, current)) {
      localStorage.removeItem(config.storage_key) // saved after all
    } else if (local) {
      candidates.push(Object.assign({ time: local.savedAt, label: timeLabel(local.savedAt) }, local))
    }
    const newest = candidates.filter((c) => !sameText(c, current)).sort((a, b) => b.time - a.time)[0]
    if (newest) {
      offer(newest)
    }
  }

  // --- start -----------------------------------------------------------------

  // Read before anyone types: the form as the server sent it.
  const initialFields = fieldValues()

  function start(readyEditor) {
    editor = readyEditor
    const current = content()
    saved = JSON.stringify({ fields: initialFields, body: current.body })
    offerNewest(current)
    form.addEventListener("input", changed)
    if (editor) {
      editor.on("change", changed)
      editor.on("key", changed)
    }
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden" && !submitting) {
        flush({ keepalive: true })
      }
    })
    window.addEventListener("pagehide", () => {
      if (!submitting) {
        // The tab is closing: the copy here now, and a request allowed to outlive the page.
        const data = content()
        if (JSON.stringify(data) !== saved) {
          writeLocal(data)
          send({ keepalive: true })
        }
      }
    })
    form.dataset.autosave = "ready" // for tests and curious colleagues: autosave is listening
  }

  // What autosave_session.js uses.
  window.newsroomAutosave = {
    config,
    form,
    text,
    fill,
    say,
    button,
    flush,
    csrfToken,
    refreshCsrf,
    stop() {
      submitting = true
      clearTimeout(timer)
    },
  }

  function whenEditorReady(callback) {
    if (!bodyArea || bodyArea.getAttribute("data-type") !== "ckeditortype") {
      callback(null)
      return
    }
    const started = Date.now()
    const poll = () => {
      const instance = window.CKEDITOR && window.CKEDITOR.instances[bodyArea.id]
      if (instance && instance.status === "ready") {
        callback(instance)
      } else if (instance) {
        instance.once("instanceReady", () => callback(instance))
      } else if (Date.now() - started > 15000) {
        callback(null) // no editor after all: the plain textarea is the body
      } else {
        setTimeout(poll, 100)
      }
    }
    poll()
  }

  whenEditorReady(start)
})()
