// The self-assessment form saves its draft whenever a field changes: the fields (not the photos) are posted to the
// form's autosave address shortly after the typing stops, and the status line says when it was saved. Choosing a
// photo saves the whole form with it, as the "save" button does. Without this script the buttons still do both.
(function () {
  'use strict';
  var form = document.getElementById('checklist');
  if (!form) {
    return;
  }
  var status = document.getElementById('autosave-status');
  var timer = null;

  function fields() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string') {
        data.append(name, value);
      }
    });
    return data;
  }

  function save() {
    timer = null;
    status.textContent = 'Сохранение…';
    fetch(form.getAttribute('data-autosave'), {
      method: 'POST',
      body: fields(),
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }).then(function (answer) {
      return answer.json().then(function (body) {
        status.textContent = answer.ok ? 'Черновик сохранён в ' + body.savedAt : (body.message || 'Черновик не сохранён.');
        status.setAttribute('data-saved', answer.ok ? body.savedAt : '');
      });
    }).catch(function () {
      status.textContent = 'Черновик не сохранён: нет связи с сервером. Изменения остаются на странице.';
    });
  }

  function later(delay) {
    if (timer !== null) {
      clearTimeout(timer);
    }
    timer = setTimeout(save, delay);
  }

  form.addEventListener('input', function (event) {
    if (event.target.type !== 'file') {
      later(800);
    }
  });
  form.addEventListener('change', function (event) {
    if (event.target.type === 'file') {
      if (event.target.files.length > 0) {
        form.requestSubmit(document.getElementById('save'));
      }
      return;
    }
    later(50);
  });
})();
