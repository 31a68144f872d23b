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
