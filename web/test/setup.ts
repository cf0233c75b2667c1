// Component tests (vitest project `web`, happy-dom): a clean DOM after each test.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

// A cancelled animation rejects its `finished` promise, as in browsers; Fluent UI's motion listens to `oncancel`
// instead and never reads `finished`, so closing a dialog would otherwise leave an unhandled AbortError.
// eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its element as `this`
const animate = Element.prototype.animate;
Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
  const animation = animate.apply(this, args);
  animation.finished.catch(() => {});
  return animation;
};
