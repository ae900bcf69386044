const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.textContent = '';
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ userName: form.userName.value, password: form.password.value }),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    error.textContent = problem?.title || '登录失败，请稍后重试。';
    return;
  }
  const returnUrl = new URLSearchParams(location.search).get('returnUrl');
  // Only local paths: never bounce a signed-in agent to another site.
  location.href = returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/index.html';
});
