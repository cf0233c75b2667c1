// The toolkit steps teamsapp.yml runs as `script` actions: what they print is what the toolkit writes to env/.
import { describe, expect, it } from 'vitest';
import { commandLines, outputsOf } from './toolkit-env.ts';

describe('toolkit-env', () => {
  it('makes a secret once, and never rotates one that exists', () => {
    const [line] = commandLines(['secret', 'SECRET_IMAGE_URL_SECRET'], {});
    expect(line).toMatch(/^::set-teamsfx-env SECRET_IMAGE_URL_SECRET=[A-Za-z0-9_-]{48}$/);
    expect(commandLines(['secret', 'SECRET_IMAGE_URL_SECRET'], {})[0]).not.toBe(line);
    expect(commandLines(['secret', 'SECRET_IMAGE_URL_SECRET'], { SECRET_IMAGE_URL_SECRET: 'kept' })).toEqual(
      [],
    );
    expect(() => commandLines(['secret', 'IMAGE_URL_SECRET'], {})).toThrow(/usage/);
  });

  it('derives the API URI and the tab address from the host name', () => {
    expect(
      commandLines(['urls'], { PUBLIC_HOSTNAME: 'donatello-app.azurewebsites.net', AAD_APP_CLIENT_ID: 'c1' }),
    ).toEqual([
      '::set-teamsfx-env AAD_APP_ID_URI=api://donatello-app.azurewebsites.net/c1',
      '::set-teamsfx-env TAB_ENDPOINT=https://donatello-app.azurewebsites.net/tab',
      '::set-teamsfx-env TAB_DOMAIN=donatello-app.azurewebsites.net',
    ]);
    expect(() => commandLines(['urls'], { AAD_APP_CLIENT_ID: 'c1' })).toThrow(/PUBLIC_HOSTNAME/);
    expect(() => commandLines(['urls'], { PUBLIC_HOSTNAME: 'https://x/' })).toThrow(/PUBLIC_HOSTNAME/);
  });

  it('tells the checks what each command line writes', () => {
    expect(outputsOf('node scripts/deploy/toolkit-env.ts secret SECRET_X')).toEqual(['SECRET_X']);
    expect(outputsOf('node scripts/deploy/toolkit-env.ts urls')).toEqual([
      'AAD_APP_ID_URI',
      'TAB_ENDPOINT',
      'TAB_DOMAIN',
    ]);
    expect(outputsOf('node other.ts')).toBeNull();
  });
});
