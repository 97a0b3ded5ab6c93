/* Newsroom: a save that survives an expired session.
 *
 * Pressing Save first sends what autosave.js has not (its answer says whether the
 * session still holds) or asks session/ who is logged in. If the session has ended,
 * or another account logged in from another tab, the page stays as it is, text
 * intact (also in localStorage), and a login prompt posts to the admin login in the
 * background. Django gives a new CSRF token at login: it goes into the page's forms
 * from the cookie, so pressing Save again succeeds.
 */
;(() => {
  "use strict"

  const autosave = window.newsroomAutosave
  if (!autosave) {
    return
  }
  const { config, form, text, fill, say, button, flush, csrfToken, refreshCsrf } = autosave
  let sessionConfirmed = false
  let checking = false
  let lastSubmitter = null

  // --- the session, checked before saving --------------------------------------

  async function checkSession() {
    let response
    try {
      response = await fetch(config.session_url, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
      })
    } catch {
      return "offline"
    }
    if (response.status === 401) {
      return "logged-out"
    }
    const answer = await response.json().catch(() => null)
    if (!response.ok || !answer) {
      return "ok" // not a question of the session: the save itself will say what is wrong
    }
    return answer.user === config.user ? "ok" : "logged-out"
  }

  async function beforeSave() {
    const result = await flush() // the autosave request doubles as the session check
    if (result === "saved") {
      return "ok"
    }
    if (result === "logged-out" || result === "offline") {
      return result
    }
    return checkSession()
  }

  form.addEventListener("submit", (event) => {
    if (sessionConfirmed) {
      autosave.stop() // the form itself carries the text now
      return
    }
    event.preventDefault()
    if (checking) {
      return // a second press while the first is checked would post the form twice
    }
    checking = true
    lastSubmitter = event.submitter && event.submitter.form === form ? event.submitter : null
    beforeSave()
      .catch(() => "ok") // a fault of this script must never stop the save itself
      .then((state) => {
        checking = false
        if (state === "ok") {
          refreshCsrf()
          sessionConfirmed = true
          form.requestSubmit(lastSubmitter)
          sessionConfirmed = false
        } else if (state === "logged-out") {
          openLogin()
        } else {
          say(text.offline)
        }
      })
  })

  // --- logging in again, without leaving the page -----------------------------------

  let dialog = null

  function loggedOut() {
    say(text.logged_out, " ", button(text.login_title, openLogin))
  }

  form.addEventListener("autosave:logged-out", loggedOut)

  function field(label, name, type, autocomplete) {
    const wrapper = document.createElement("label")
    const input = document.createElement("input")
    Object.assign(input, { name, type, autocomplete, required: true })
    wrapper.append(label, input)
    return [wrapper, input]
  }

  function buildDialog() {
    dialog = document.createElement("dialog")
    dialog.className = "autosave-login"
    const heading = document.createElement("h2")
    heading.textContent = text.login_title
    const intro = document.createElement("p")
    intro.textContent = text.logged_out
    const error = document.createElement("p")
    error.className = "errornote"
    error.hidden = true
    const loginForm = document.createElement("form")
    loginForm.method = "post"
    loginForm.action = config.login_url
    const [userLabel, username] = field(text.username, "username", "text", "username")
    const [passwordLabel, password] = field(text.password, "password", "password", "current-password")
    username.value = config.username
    const actions = document.createElement("div")
    actions.className = "autosave-login-actions"
    const submit = document.createElement("button")
    submit.type = "submit"
    submit.className = "button default"
    submit.textContent = text.log_in
    actions.append(submit, button(text.cancel, () => dialog.close()))
    loginForm.append(error, userLabel, passwordLabel, actions)
    dialog.append(heading, intro, loginForm)
    document.body.append(dialog)

    const fail = (message) => {
      error.textContent = message
      error.hidden = false
      password.value = ""
      password.focus()
    }
    loginForm.addEventListener("submit", async (event) => {
      event.preventDefault()
      submit.disabled = true
      try {
        await logIn(username.value, password.value, fail)
      } finally {
        submit.disabled = false
      }
    })
  }

  async function logIn(username, password, fail) {
    // Django's admin login; on success it redirects to `next`, the session check, which says who we are.
    const body = new URLSearchParams({ username, password, next: config.session_url, csrfmiddlewaretoken: csrfToken() })
    let response
    try {
      response = await fetch(config.login_url, { method: "POST", credentials: "same-origin", body })
    } catch {
      fail(text.offline)
      return
    }
    if (response.ok && (response.headers.get("Content-Type") || "").includes("application/json")) {
      const answer = await response.json()
      if (answer.user !== config.user) {
        fail(fill(text.other_user, { name: config.username }))
        return
      }
      refreshCsrf()
      dialog.close()
      say(text.logged_in)
      flush() // what could not be autosaved meanwhile goes to the server now
      if (lastSubmitter) {
        lastSubmitter.focus()
      }
      return
    }
    // The login page again: its own reason (wrong password, not a staff account) if it gives one.
    const page = new DOMParser().parseFromString(await response.text(), "text/html")
    const reason = page.querySelector(".errornote, .errorlist")
    fail(reason ? reason.textContent.trim() : text.login_failed)
  }

  function openLogin() {
    if (!dialog) {
      buildDialog()
    }
    loggedOut()
    if (!dialog.open) {
      dialog.showModal()
      dialog.querySelector("input[name=password]").focus()
    }
  }
})()
