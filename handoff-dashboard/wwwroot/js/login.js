import { api, ApiError } from './api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

/**
 * Only a path on this site: browsers read "//host", "/\host" and "/<tab>/host" as another site (backslashes
 * become slashes, tabs and newlines are dropped), so those are refused as well as schemes. The server applies
 * the same rule (LocalReturnUrl) to the redirectTo it answers.
 */
export function localReturnUrl(url) {
  if (!url || url.length > 2000 || url[0] !== '/' || url[1] === '/') return '/index.html';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u0020\u007f-\u009f\s]/.test(url)) return '/index.html';
  return url;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.textContent = '';
  const returnUrl = new URLSearchParams(location.search).get('returnUrl');
  let signedIn;
  try {
    signedIn = await api('/api/auth/login', {
      method: 'POST', anonymous: true,
      body: { userName: form.userName.value, password: form.password.value, returnUrl },
    });
  } catch (e) {
    error.textContent = e instanceof ApiError ? e.message : '登录失败，请稍后重试。';
    return;
  }
  // Checked on both sides: never bounce a signed-in agent to another site.
  location.href = localReturnUrl(signedIn ? signedIn.redirectTo : returnUrl);
});
