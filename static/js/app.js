// Small behaviours that need no inline script (the Content Security Policy forbids inline code).
document.addEventListener("change", (event) => {
  if (event.target.matches(".js-autosubmit")) event.target.form.submit();
});

// Close the global search results with Escape and move into them with the down arrow.
document.addEventListener("keydown", (event) => {
  const box = document.getElementById("global-search");
  const results = document.getElementById("global-search-results");
  if (!box || !results) return;
  if (event.key === "Escape" && (event.target === box || results.contains(event.target))) {
    results.innerHTML = "";
    box.focus();
  }
  if (event.key === "ArrowDown" && event.target === box) {
    const first = results.querySelector("a");
    if (first) { event.preventDefault(); first.focus(); }
  }
});

// Forms that add rows to a formset: clone the empty form template and bump TOTAL_FORMS.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty-form`);
  const target = document.getElementById(`${prefix}-forms`);
  const index = Number(total.value);
  const html = template.innerHTML.replace(/__prefix__/g, String(index));
  target.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const firstInput = target.lastElementChild.querySelector("input, select");
  if (firstInput) firstInput.focus();
});

// Buttons that must not be pressed twice: disable on submit (the server also refuses doubles).
document.addEventListener("submit", (event) => {
  const button = event.target.querySelector("button[type=submit][data-once]");
  if (button) setTimeout(() => { button.disabled = true; }, 0);
});
