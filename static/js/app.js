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
  const firstInput = target.lastElementChild.querySelector(
    "input:not([type=hidden]), select, textarea",
  );
  if (firstInput) firstInput.focus();
});

// Forms that ask before they act (e.g. removing a household member): data-confirm="question".
// Registered before the data-once handler so that a cancelled submit leaves the button usable.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Buttons that must not be pressed twice: disable on submit (the server also refuses doubles).
document.addEventListener("submit", (event) => {
  if (event.defaultPrevented) return;
  const button = event.target.querySelector("button[type=submit][data-once]");
  if (button) setTimeout(() => { button.disabled = true; }, 0);
});

// Rows added to a formset can be removed again before saving. The row's index stays counted in
// TOTAL_FORMS: a missing row arrives empty and an empty extra form is ignored by the formset.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-remove]");
  if (!button) return;
  const row = button.closest("[data-formset-form]");
  const container = row && row.parentElement;
  if (!row) return;
  row.remove();
  const next = container && container.parentElement.querySelector("[data-formset-add]");
  if (next) next.focus();
});

// Print buttons: <button data-print> (no inline onclick under the Content Security Policy).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// Fields shown only when another field has a value: data-show-if="disability=yes".
function applyShowIf(root) {
  root.querySelectorAll("[data-show-if]").forEach((element) => {
    const [name, value] = element.dataset.showIf.split("=");
    const form = element.closest("form");
    const control = form && form.elements.namedItem(name);
    if (!control) return;
    // Fields with an error stay visible so the message beside them can be read.
    const hasError = element.querySelector(".is-invalid") !== null;
    element.hidden = control.value !== value && !hasError;
  });
}
document.addEventListener("change", (event) => {
  const form = event.target.form;
  if (form) applyShowIf(form);
});

// Keyboard in the global search results: up/down arrows move between the links.
document.addEventListener("keydown", (event) => {
  const results = document.getElementById("global-search-results");
  if (!results || !results.contains(event.target)) return;
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = Array.from(results.querySelectorAll("a"));
  const index = links.indexOf(event.target);
  const next = links[index + (event.key === "ArrowDown" ? 1 : -1)];
  event.preventDefault();
  if (next) next.focus();
  else if (event.key === "ArrowUp") document.getElementById("global-search").focus();
});

// Clicking elsewhere closes the global search results.
document.addEventListener("click", (event) => {
  const results = document.getElementById("global-search-results");
  const box = document.getElementById("global-search");
  if (!results || !box || event.target === box || results.contains(event.target)) return;
  results.innerHTML = "";
});

// After a refused form, put the keyboard on the first field with an error, or on a panel that
// asks for attention (the possible duplicates of the intake).
document.addEventListener("DOMContentLoaded", () => {
  applyShowIf(document);
  const invalid = document.querySelector("form[data-focus-errors] .is-invalid");
  const panel = document.querySelector("[data-focus-on-load]");
  const target = panel || invalid;
  if (target) target.focus();
});

// The printed date is the moment of printing, not of loading: a page may stay open for days.
window.addEventListener("beforeprint", () => {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  const date = `${two(now.getDate())}/${two(now.getMonth() + 1)}/${now.getFullYear()}`;
  const text = `${date} ${two(now.getHours())}:${two(now.getMinutes())}`;
  document.querySelectorAll("[data-print-date]").forEach((element) => {
    element.textContent = text;
  });
});
