// Component tests (vitest project `web`, happy-dom): Testing Library's matchers, and a clean DOM after each test.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
