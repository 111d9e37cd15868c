// Starts the SDK with this server's settings (config.js names the default project's ingest key).
(function () {
  var config = window.SESSIONKIT_DEMO;
  if (window.SessionKit && config && config.projectKey) {
    window.SessionKit.init({ endpoint: config.endpoint, projectKey: config.projectKey });
  }
  var count = Number(sessionStorage.getItem('demo-cart') || '0');
  function render() {
    var badge = document.getElementById('cart-count');
    if (badge) badge.textContent = String(count);
  }
  document.addEventListener('click', function (event) {
    var target = event.target;
    if (target instanceof HTMLElement && target.matches('[data-add-to-cart]')) {
      count += 1;
      sessionStorage.setItem('demo-cart', String(count));
      target.textContent = 'Added ✓';
      render();
    }
  });
  document.addEventListener('DOMContentLoaded', render);
  render();
})();
