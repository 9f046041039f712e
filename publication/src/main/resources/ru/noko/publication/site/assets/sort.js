// Sortable tables: a header's button orders the rows by its column, numbers by their data-value, text as Russian
// sorts it; a second press reverses. aria-sort tells screen readers the order. Without scripts the table stays as
// written (by name, or by place).
document.querySelectorAll('table.sortable').forEach(function (table) {
  var headers = Array.prototype.slice.call(table.querySelectorAll('thead th'));
  headers.forEach(function (header, column) {
    var button = header.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var ascending = header.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.removeAttribute('aria-sort'); });
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column];
        var nx = x.dataset.value, ny = y.dataset.value;
        var order;
        if (nx !== undefined && ny !== undefined) {
          if (nx === '' && ny === '') order = 0;
          else if (nx === '') return 1;
          else if (ny === '') return -1;
          else order = parseFloat(nx) - parseFloat(ny);
        } else {
          order = x.textContent.trim().localeCompare(y.textContent.trim(), 'ru');
        }
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
