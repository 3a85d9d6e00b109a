// @ts-check
// The report page's behaviour: sortable columns, filters, refresh, export and review buttons, links to files. No inline handlers (CSP).
(function () {
  const vscode = acquireVsCodeApi();

  document.getElementById('export-sarif')?.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'sarif' }));
  document.getElementById('export-markdown')?.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'markdown' }));
  document.getElementById('export-cyclonedx')?.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'cyclonedx' }));
  document.getElementById('export-spdx')?.addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'spdx' }));
  document.getElementById('refresh')?.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));

  // The extension applies the filter and renders the page again: filtering and sorting live in one tested place.
  const problems = /** @type {HTMLInputElement | null} */ (document.getElementById('filter-problems'));
  const rule = /** @type {HTMLSelectElement | null} */ (document.getElementById('filter-rule'));
  const ecosystem = /** @type {HTMLSelectElement | null} */ (document.getElementById('filter-ecosystem'));
  const sendFilter = () =>
    vscode.postMessage({ type: 'filter', filter: { problemsOnly: problems?.checked === true, rule: rule?.value ?? '', ecosystem: ecosystem?.value ?? '' } });
  for (const control of [problems, rule, ecosystem]) control?.addEventListener('change', sendFilter);

  for (const button of document.querySelectorAll('.review button')) {
    button.addEventListener('click', () => {
      const b = /** @type {HTMLElement} */ (button);
      vscode.postMessage({ type: 'review', root: b.dataset.root, purl: b.dataset.purl, decision: b.dataset.decision });
    });
  }

  for (const link of document.querySelectorAll('a.file')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const a = /** @type {HTMLElement} */ (event.currentTarget);
      vscode.postMessage({ type: 'open', root: a.dataset.root, file: a.dataset.file, line: Number(a.dataset.line) });
    });
  }

  /** Buttons are focusable and fire on Enter and Space, so sorting works from the keyboard. */
  for (const table of document.querySelectorAll('table.sortable')) {
    const headers = [...table.querySelectorAll('thead th')];
    for (const button of table.querySelectorAll('thead th button')) {
      button.addEventListener('click', () => {
        const th = /** @type {HTMLElement} */ (button.parentElement);
        const column = Number(/** @type {HTMLElement} */ (button).dataset.column);
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.setAttribute('aria-sort', 'none');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const body = table.querySelector('tbody');
        if (!body) return;
        const key = (/** @type {Element} */ row) => {
          const cell = /** @type {HTMLElement} */ (row.children[column]);
          return cell.dataset.sort ?? cell.textContent ?? '';
        };
        const rows = [...body.querySelectorAll('tr')];
        rows.sort((a, b) => key(a).localeCompare(key(b), undefined, { numeric: true }) * (ascending ? 1 : -1));
        for (const row of rows) body.appendChild(row);
      });
    }
  }
})();
