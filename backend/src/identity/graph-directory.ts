// Reads a user's manager from Microsoft Graph on the user's behalf (OAuth 2.0 on-behalf-of through
// @azure/msal-node), so a soft-limit overage can also go to the requester's line manager (DESIGN §4, §6).
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { Logger } from 'pino';
import { HttpsNetworkModule } from './https-network.ts';

export interface DirectoryPerson {
  objectId: string;
  displayName: string;
}

export interface Directory {
  /** The caller's manager, or null when Graph has none (or cannot say). Never throws. */
  managerOf(tenantId: string, userAccessToken: string): Promise<DirectoryPerson | null>;
}

export interface GraphDirectoryOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.microsoftonline.com`, or a stand-in in tests. */
  authorityHost: string;
  /** `https://graph.microsoft.com/v1.0`, or a stand-in in tests. */
  graphBaseUrl: string;
  /** Extra trusted CA (PEM) for the identity and Graph endpoints. */
  ca?: string;
  timeoutMs?: number;
}

const GRAPH_SCOPE = 'https://graph.microsoft.com/User.Read';

export class GraphDirectory implements Directory {
  private readonly opts: GraphDirectoryOptions;
  private readonly log: Logger;
  private readonly apps = new Map<string, ConfidentialClientApplication>();
  private readonly network: HttpsNetworkModule;

  constructor(opts: GraphDirectoryOptions, log: Logger) {
    this.opts = opts;
    this.log = log;
    this.network = new HttpsNetworkModule({
      ...(opts.ca ? { ca: opts.ca } : {}),
      timeoutMs: opts.timeoutMs ?? 10_000,
    });
  }

  private app(tenantId: string): ConfidentialClientApplication {
    let app = this.apps.get(tenantId);
    if (!app) {
      const host = new URL(this.opts.authorityHost).host;
      app = new ConfidentialClientApplication({
        auth: {
          clientId: this.opts.clientId,
          clientSecret: this.opts.clientSecret,
          authority: `${this.opts.authorityHost}/${tenantId}`,
          knownAuthorities: [host],
        },
        system: { networkClient: this.network },
      });
      this.apps.set(tenantId, app);
    }
    return app;
  }

  async managerOf(tenantId: string, userAccessToken: string): Promise<DirectoryPerson | null> {
    try {
      const result = await this.app(tenantId).acquireTokenOnBehalfOf({
        oboAssertion: userAccessToken,
        scopes: [GRAPH_SCOPE],
      });
      if (!result?.accessToken) return null;
      const res = await this.network.sendGetRequestAsync<{ id?: unknown; displayName?: unknown }>(
        `${this.opts.graphBaseUrl}/me/manager?$select=id,displayName`,
        { headers: { authorization: `Bearer ${result.accessToken}`, accept: 'application/json' } },
      );
      if (res.status === 404) return null;
      if (res.status !== 200 || typeof res.body.id !== 'string') {
        this.log.warn({ status: res.status }, 'Graph manager lookup failed');
        return null;
      }
      const displayName = typeof res.body.displayName === 'string' ? res.body.displayName : 'Manager';
      return { objectId: res.body.id.toLowerCase(), displayName };
    } catch (err) {
      // An approval still goes to the department's managers or admins; log and carry on.
      this.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'on-behalf-of manager lookup failed',
      );
      return null;
    }
  }
}
