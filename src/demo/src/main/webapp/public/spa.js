// The SPA side of the demo: password grant at /auth/token, Authorization: Bearer on /api, refresh
// on 401 invalid_token, bearer logout. Tokens live in this closure only (never in storage).
(() => {
  const base = new URL('..', document.baseURI);
  let tokens = null;
  const $ = (id) => document.getElementById(id);

  function status(text, error) {
    const s = $('status');
    s.textContent = text;
    s.className = error ? 'notice error' : 'notice';
    s.hidden = false;
  }

  async function tokenRequest(form) {
    const r = await fetch(new URL('auth/token', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
      credentials: 'omit',
    });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error_description || body.error || r.status);
    return body;
  }

  async function api(path, retried) {
    const r = await fetch(new URL(path, base), {
      headers: { Authorization: 'Bearer ' + tokens.access_token, Accept: 'application/json' },
      credentials: 'omit',
    });
    if (r.status === 401 && !retried && tokens.refresh_token) {
      // expired (or revoked): one refresh, then the call again
      tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      status('The access token expired: refreshed it with the refresh token.');
      $('expires').textContent = tokens.expires_in;
      return api(path, true);
    }
    return r;
  }

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      tokens = await tokenRequest({
        grant_type: 'password', username: $('username').value, password: $('password').value,
      });
      $('password').value = '';
      $('who').textContent = $('username').value;
      $('expires').textContent = tokens.expires_in;
      $('login').hidden = true;
      $('app').hidden = false;
      status('Token received.');
    } catch (err) {
      status('Login failed: ' + err.message, true);
    }
  });

  $('call').addEventListener('click', async () => {
    try {
      const r = await api('api/me');
      $('result').textContent = r.status + '\n' + (await r.text());
    } catch (err) {
      status('Call failed: ' + err.message, true);
    }
  });

  $('logout').addEventListener('click', async () => {
    const r = await fetch(new URL('auth/logout', base), {
      method: 'POST', headers: { Authorization: 'Bearer ' + tokens.access_token }, credentials: 'omit',
    });
    const old = tokens.access_token;
    tokens = null;
    $('app').hidden = true;
    $('login').hidden = false;
    $('result').textContent = '';
    status(r.status === 204 ? 'Logged out: the token is revoked.' : 'Logout answered ' + r.status, r.status !== 204);
    // prove it: the old token is refused now
    const check = await fetch(new URL('api/me', base), { headers: { Authorization: 'Bearer ' + old } });
    $('result').textContent = 'old token now: ' + check.status;
  });
})();
