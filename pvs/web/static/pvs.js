// pvs web: the shared script. It follows a background job's progress (an element with
// data-taak names where its state is) and reloads the page when the job is done. Everything
// works without it: the job page then reloads itself every two seconds.
"use strict";
// A file field is also where files are dropped (the browser takes the drop itself); it lights
// up while files are dragged over it, so the user sees where to let go.
(function () {
  document.querySelectorAll("input[type=file]").forEach(function (input) {
    function on() { input.classList.add("slepen"); }
    function off() { input.classList.remove("slepen"); }
    input.addEventListener("dragenter", on);
    input.addEventListener("dragleave", off);
    input.addEventListener("drop", off);
  });
})();
(function () {
  var box = document.querySelector("[data-taak]");
  if (!box) return;
  var bar = box.querySelector("progress");
  var line = box.querySelector(".stand");
  function show(state) {
    if (state.totaal) {
      bar.max = state.totaal;
      bar.value = state.gedaan;
    }
    if (state.tekst && line.textContent !== state.tekst) line.textContent = state.tekst;
  }
  function ask() {
    fetch(box.getAttribute("data-taak"), { cache: "no-store", credentials: "same-origin" })
      .then(function (answer) { return answer.json(); })
      .then(function (state) {
        if (state.klaar) { window.location.reload(); return; }
        show(state);
        window.setTimeout(ask, 700);
      })
      .catch(function () { window.setTimeout(ask, 2000); });
  }
  window.setTimeout(ask, 300);
})();
