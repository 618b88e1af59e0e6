/* budgetqa chat: Chinese accessible names. Each chat bubble is announced by its text
 * ("问题：…" / "回答：…"), not by the "<role>'s message: <raw HTML>" label Gradio gives it, and
 * Gradio's remaining English button labels are translated. Loaded from the page's <head>. */
(function () {
  "use strict";
  var ROLE = /^(user|assistant|bot)'s message: /;
  var WORDS = {
    "Clear": "清空对话", "Copy conversation": "复制整段对话", "Copy message": "复制这条消息",
    "Copied message": "已复制", "chatbot conversation": "对话记录", "Copy": "复制", "Copied": "已复制"
  };
  function update() {
    document.querySelectorAll("[aria-label]").forEach(function (el) {
      var label = el.getAttribute("aria-label");
      var m = ROLE.exec(label);
      if (m) el.setAttribute("data-bqa-role", m[1] === "user" ? "问题" : "回答");
      else if (WORDS[label]) { el.setAttribute("aria-label", WORDS[label]); return; }
      var role = el.getAttribute("data-bqa-role");
      if (!role) return;
      var want = role + "：" + (el.textContent || "").replace(/\s+/g, " ").trim();
      if (label !== want) el.setAttribute("aria-label", want);
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; update(); });
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true,
                                         attributes: true, attributeFilter: ["aria-label"] });
  document.documentElement.lang = "zh-CN";
})();
