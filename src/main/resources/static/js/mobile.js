// The stand-in for the mobile app: pairs with a code from the desktop client, and unpairs.
(function () {
  let paired = null;
  const status = document.getElementById('pair-status');
  const show = (state, text) => { status.dataset.state = state; status.textContent = text; };
  document.getElementById('pair-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await fetch('/api/v1/mobile/pairings', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code: document.getElementById('code').value,
        deviceName: document.getElementById('deviceName').value }) });
    const body = await r.json();
    if (r.ok) {
      paired = body;
      show('paired', 'Paired as "' + body.name + '" with ' + body.employee + ' (extension ' + body.extension + ').');
      document.getElementById('unpair-button').hidden = false;
    } else {
      show('refused', body.detail || ('Not paired (' + r.status + ')'));
    }
  });
  document.getElementById('unpair-button').addEventListener('click', async () => {
    if (!paired) return;
    const r = await fetch('/api/v1/mobile/pairings/' + paired.id, { method: 'DELETE',
      headers: { Authorization: 'Bearer ' + paired.token } });
    if (r.ok) {
      paired = null;
      show('unpaired', 'Unpaired.');
      document.getElementById('unpair-button').hidden = true;
    }
  });
})();
