// Entry: the shell element only. Workspaces load on demand (see app/landflow-app.ts), so the first
// screen is small and fast.
import './app/landflow-app.ts';

// Measured by the e2e run: time from navigation start to the first screen being drawn.
customElements.whenDefined('landflow-app').then(() => {
  requestAnimationFrame(() => {
    (window as unknown as { __landflowReady?: number }).__landflowReady = performance.now();
  });
});
