/* Newsroom: the Vietnamese CKEditor 4's own vi.js lacks or leaves in English (link dialog, headings, tables, uploads).
 *
 * Loaded after ckeditor.js (articles/editor.py). Each editor's language object is patched as
 * soon as it is loaded ("langLoaded"), before the plugins build their toolbar, lists and
 * dialogs from it, and a plugin's own language file as it registers; tests/admin_english.py
 * lists the English this replaces.
 */
;(() => {
  "use strict"

  const VI = {
    application: "Trình soạn thảo văn bản",
    common: { url: "Đường dẫn (URL)" },
    toolbar: { toolbarGroups: { clipboard: "Bộ nhớ tạm/Hoàn tác" } },
    notification: { closed: "Đã đóng thông báo." },
    clipboard: {
      pasteNotification:
        "Nhấn %1 để dán. Trình duyệt của bạn không cho dán bằng nút trên thanh công cụ hoặc menu chuột phải.",
      pasteMsg: "Dán nội dung vào ô dưới đây rồi bấm Đồng ý.",
      fileFormatNotSupportedNotification: "Không hỗ trợ tệp định dạng ${formats}.",
      fileWithoutFormatNotSupportedNotification: "Không hỗ trợ định dạng tệp này.",
    },
    fakeobjects: { iframe: "Khung nhúng (iframe)" },
    format: {
      tag_address: "Địa chỉ",
      tag_h1: "Tiêu đề 1",
      tag_h2: "Tiêu đề 2",
      tag_h3: "Tiêu đề 3",
      tag_h4: "Tiêu đề 4",
      tag_h5: "Tiêu đề 5",
      tag_h6: "Tiêu đề 6",
    },
    link: {
      anchor: { errorWhitespace: "Tên điểm neo không được chứa dấu cách" },
      download: "Buộc tải xuống",
      displayText: "Chữ hiển thị",
      noTel: "Hãy nhập số điện thoại",
      phoneNumber: "Số điện thoại",
      toUrl: "Đường dẫn (URL)",
      toPhone: "Điện thoại",
      targetPopup: "<cửa sổ bật lên>",
    },
    table: {
      cell: { columnHeader: "Tiêu đề cột", rowHeader: "Tiêu đề hàng" },
      heightUnit: "đơn vị chiều cao",
    },
    widget: { label: "Khối %1" },
    uploadwidget: {
      abort: "Người dùng đã hủy tải lên.",
      doneOne: "Đã tải tệp lên.",
      doneMany: "Đã tải lên %1 tệp.",
      uploadOne: "Đang tải tệp lên ({percentage}%)...",
      uploadMany: "Đang tải tệp lên, xong {current}/{max} ({percentage}%)...",
    },
  }

  // Plugins that load their language file only when first used (the keyboard help, Alt+0):
  // patched as the file registers it (CKEDITOR.plugins.setLang). Keys are array indexes there.
  const PLUGINS_VI = {
    a11yhelp: {
      legend: {
        0: {
          items: {
            1: {
              legend:
                "Trong một hộp thoại, nhấn TAB để tới thành phần kế tiếp, SHIFT+TAB để về thành phần trước, " +
                "ENTER để xác nhận, ESC để hủy. Khi hộp thoại có nhiều thẻ, tới danh sách thẻ bằng ALT+F10 " +
                "hoặc bằng TAB theo thứ tự của hộp thoại; ở danh sách thẻ, dùng phím mũi tên PHẢI và TRÁI " +
                "để sang thẻ kế tiếp hoặc thẻ trước. Nhấn ESC để bỏ các thay đổi và đóng hộp thoại. Khi rời " +
                "hộp thoại, con trỏ trở lại vùng soạn thảo.",
            },
          },
        },
        1: {
          items: {
            10: {
              name: " Dán dạng văn bản thuần",
              legend: "Nhấn ${pastetext}",
              legendEdge: "Nhấn ${pastetext}, rồi ${paste}",
            },
          },
        },
      },
    },
  }

  function patch(target, source) {
    for (const key of Object.keys(source)) {
      if (typeof source[key] === "object") {
        target[key] = target[key] || {}
        patch(target[key], source[key])
      } else {
        target[key] = source[key]
      }
    }
  }

  function wire(editor) {
    if (editor.langCode === "vi" && editor.lang) {
      patch(editor.lang, VI) // already loaded: dialogs are built when opened, so they still read this
    }
    editor.on("langLoaded", () => {
      if (editor.langCode === "vi") {
        patch(editor.lang, VI)
      }
    })
  }

  function start() {
    if (!window.CKEDITOR) {
      setTimeout(start, 50)
      return
    }
    const setLang = window.CKEDITOR.plugins.setLang
    window.CKEDITOR.plugins.setLang = function (plugin, langCode, entries) {
      if (langCode === "vi" && PLUGINS_VI[plugin]) {
        patch(entries, PLUGINS_VI[plugin])
      }
      return setLang.apply(this, arguments)
    }
    window.CKEDITOR.on("instanceCreated", (evt) => wire(evt.editor))
    for (const name in window.CKEDITOR.instances) {
      wire(window.CKEDITOR.instances[name])
    }
  }

  start()
})()
