// The progress bar of a register import: asks the status endpoint every second and goes to the
// report when the run has ended. Without JavaScript the page's <meta refresh> does the same.
(() => {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const bar = document.getElementById("import-bar");
  const count = document.getElementById("import-count");
  const stage = document.getElementById("import-stage");
  const words = { validate: stage.dataset.validate, write: stage.dataset.write };
  const tick = async () => {
    try {
      const answer = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (answer.ok) {
        const p = await answer.json();
        if (p.finished) {
          window.location.assign(p.next || box.dataset.reportUrl);
          return;
        }
        bar.max = Math.max(p.total, 1);
        bar.value = p.done;
        count.textContent = count.dataset.pattern
          .replace("DONE", String(p.done)).replace("TOTAL", String(p.total));
        if (words[p.stage]) stage.textContent = words[p.stage];
      }
    } catch (error) {
      // A dropped request: try again at the next tick.
    }
    window.setTimeout(tick, 1000);
  };
  window.setTimeout(tick, 1000);
})();
