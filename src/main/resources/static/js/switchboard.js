// Behaviour of the pages, kept out of the markup so that the Content-Security-Policy can forbid inline script.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-step]');
  if (!button) {
    return;
  }
  var field = document.getElementById(button.getAttribute('data-step-target'));
  if (button.getAttribute('data-step') === 'up') {
    field.stepUp();
  } else {
    field.stepDown();
  }
  field.dispatchEvent(new Event('change', { bubbles: true }));
});

// A button that asks before it sends its form (a form asks with data-confirm on the form itself).
document.addEventListener('click', function (event) {
  var button = event.target.closest('button[data-confirm]');
  if (button && !window.confirm(button.getAttribute('data-confirm'))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// The menu button on small screens, and the current page marked in the navigation.
document.addEventListener('click', function (event) {
  var toggle = event.target.closest('#menu-toggle');
  if (!toggle) {
    return;
  }
  var nav = document.getElementById(toggle.getAttribute('aria-controls'));
  var open = nav.classList.toggle('open');
  toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
});

document.addEventListener('DOMContentLoaded', function () {
  var best = null;
  document.querySelectorAll('#main-nav a').forEach(function (link) {
    var path = new URL(link.href, window.location.href).pathname;
    var here = window.location.pathname;
    if ((here === path || here.indexOf(path + '/') === 0) && (!best || path.length > best.path.length)) {
      best = { link: link, path: path };
    }
  });
  if (best) {
    best.link.setAttribute('aria-current', 'page');
  }
});

// A copy button: data-copy names the element whose text goes to the clipboard; the status beside it says so.
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  var text = document.getElementById(button.getAttribute('data-copy')).textContent.trim();
  var status = document.getElementById(button.id + '-done');
  var said = function (message) {
    if (status) {
      status.textContent = message;
    }
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(function () { said('Copied.'); },
      function () { said('Select the key and copy it by hand.'); });
  } else {
    var range = document.createRange();
    range.selectNodeContents(document.getElementById(button.getAttribute('data-copy')));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    said(document.execCommand && document.execCommand('copy') ? 'Copied.' : 'Selected: copy it with Ctrl+C.');
  }
});

// A table wider than a small screen scrolls within itself: it takes the keyboard's focus, so that
// the arrow keys scroll it too.
function focusableScrollers() {
  document.querySelectorAll('main table').forEach(function (table) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.setAttribute('tabindex', '0');
    } else if (table.getAttribute('tabindex') === '0') {
      table.removeAttribute('tabindex');
    }
  });
}
document.addEventListener('DOMContentLoaded', focusableScrollers);
window.addEventListener('resize', focusableScrollers);
document.addEventListener('htmx:afterSwap', focusableScrollers);
