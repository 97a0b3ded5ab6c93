/* Newsroom: the CSRF token on CKEditor 4 image uploads, and a note where uploads are off. */
;(() => {
  "use strict"

  function csrfToken(editor) {
    const form = editor.element && editor.element.$ && editor.element.$.form
    const input =
      (form && form.querySelector("input[name=csrfmiddlewaretoken]")) ||
      document.querySelector("input[name=csrfmiddlewaretoken]")
    if (input && input.value) {
      return input.value
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ""
  }

  function wire(editor) {
    if (editor.newsroomWired) {
      return
    }
    editor.newsroomWired = true
    // The filetools plugin reads fileTools_requestHeaders when it sends the
    // request (listener priority 999); this earlier listener adds the token the
    // server's CSRF check expects, for drag-and-drop, paste and the dialog alike.
    editor.on(
      "fileUploadRequest",
      () => {
        const headers = Object.assign({}, editor.config.fileTools_requestHeaders || {})
        headers["X-CSRFToken"] = csrfToken(editor)
        editor.config.fileTools_requestHeaders = headers
      },
      null,
      null,
      1,
    )
    // An unsaved article has no upload URL: pasted images would be lost on save
    // (the sanitiser drops data: URLs), so say so instead.
    editor.on("paste", (evt) => {
      const note = editor.config.newsroomUploadNote
      const html = evt.data && evt.data.dataValue
      if (note && html && /<img[^>]+src=["']?data:/i.test(html)) {
        evt.data.dataValue = html.replace(/<img[^>]+src=["']?data:[^>]*>/gi, "")
        editor.showNotification(note, "warning")
      }
    })
  }

  function start() {
    if (!window.CKEDITOR) {
      setTimeout(start, 100)
      return
    }
    window.CKEDITOR.on("instanceCreated", (evt) => wire(evt.editor))
    for (const name in window.CKEDITOR.instances) {
      wire(window.CKEDITOR.instances[name])
    }
  }

  start()
})()
