import { describe, expect, it } from 'vitest';
import { serviceUrlAllowed } from './service-url-guard.ts';

describe('serviceUrlAllowed', () => {
  const teams = ['https://smba.trafficmanager.net/'];
  const dev = ['http://localhost:56150/_connector'];

  it('accepts the allowed service URLs and the paths below them', () => {
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/au/', teams)).toBe(true);
    expect(serviceUrlAllowed('https://smba.trafficmanager.net/teams', teams)).toBe(true);
    expect(serviceUrlAllowed('http://localhost:56150/_connector', dev)).toBe(true);
    expect(serviceUrlAllowed('http://localhost:56150/_connector/', dev)).toBe(true);
  });

  it('refuses other hosts, schemes, ports, sibling paths, credentials and garbage', () => {
    for (const bad of [
      'https://smba.trafficmanager.net.evil.example/au/',
      'http://smba.trafficmanager.net/au/',
      'https://evil.example/https://smba.trafficmanager.net/',
      'https://user:pw@smba.trafficmanager.net/au/',
      'http://169.254.169.254/latest/meta-data/',
      'not a url',
      '',
    ])
      expect(serviceUrlAllowed(bad, teams), bad).toBe(false);
    expect(serviceUrlAllowed('http://localhost:56151/_connector', dev)).toBe(false);
    expect(serviceUrlAllowed('http://localhost:56150/_connectorx', dev)).toBe(false);
    expect(serviceUrlAllowed('http://localhost:56150/other', dev)).toBe(false);
  });
});
