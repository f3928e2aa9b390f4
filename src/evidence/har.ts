// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) as we write and read it.
// Real tools differ in optional fields, so the schema requires only what analysis needs and
// keeps everything else (loose objects). Our own fields start with "_" as the spec asks.
import { z } from 'zod';
import { PhaseSchema } from '../plan/schema.ts';

const NameValue = z.looseObject({ name: z.string(), value: z.string() });

export const HarRequestSchema = z.looseObject({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  headers: z.array(NameValue),
  queryString: z.array(NameValue),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
  postData: z
    .looseObject({
      mimeType: z.string().default(''),
      text: z.string().optional(),
      params: z.array(z.looseObject({ name: z.string(), value: z.string().optional() })).optional(),
      encoding: z.string().optional().describe('Non-standard but common: "base64" for binary bodies'),
    })
    .optional(),
});

export const HarResponseSchema = z.looseObject({
  status: z.number(),
  statusText: z.string().default(''),
  httpVersion: z.string().default('HTTP/1.1'),
  headers: z.array(NameValue),
  cookies: z.array(z.looseObject({ name: z.string(), value: z.string() })).default([]),
  content: z.looseObject({
    size: z.number().default(0),
    mimeType: z.string().default(''),
    text: z.string().optional(),
    encoding: z.string().optional(),
  }),
  redirectURL: z.string().default(''),
  headersSize: z.number().default(-1),
  bodySize: z.number().default(-1),
});

export const HarEntrySchema = z.looseObject({
  startedDateTime: z.string(),
  time: z.number(),
  request: HarRequestSchema,
  response: HarResponseSchema,
  cache: z.looseObject({}).default({}),
  timings: z.looseObject({ send: z.number(), wait: z.number(), receive: z.number() }).default({ send: 0, wait: 0, receive: 0 }),
  serverIPAddress: z.string().optional(),
  _phase: PhaseSchema.optional().describe('Capture phase the request was sent in'),
  _tlsFailure: z
    .looseObject({ host: z.string(), reason: z.string() })
    .optional()
    .describe('The client refused our certificate (pinning): the contact happened but nothing was read'),
  _source: z.string().optional().describe('Who sent it: browser, device, replayer'),
  _baseline: z.boolean().optional().describe('Sent in the baseline window, with the game not running (device captures)'),
  _afterToolConsent: z.boolean().optional().describe('Sent after a tool tap that changed consent (consent-changed-by-tool): not the game\'s default'),
  _missing: z
    .array(z.string())
    .optional()
    .describe('Imported HARs: fields the file did not hold or that could not be read, e.g. response.headers; not captured, which is not the same as empty'),
  _importedIndex: z.number().int().min(0).optional().describe('Imported HARs: the index of this entry in the imported file'),
  _domainContact: z
    .looseObject({
      tool: z.string(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      hits: z.number().int().min(0).optional(),
      toolCompany: z.string().optional(),
      toolCategory: z.string().optional(),
      line: z.number().int().min(1),
    })
    .optional()
    .describe('Imported domain-level exports (App Privacy Report, TrackerControl): only the host and times of a connection are known; the method, path and everything it carried were never seen'),
});
export type HarEntry = z.infer<typeof HarEntrySchema>;

export const HarSchema = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator: z.looseObject({ name: z.string(), version: z.string() }),
    entries: z.array(HarEntrySchema),
    pages: z.array(z.looseObject({})).optional(),
  }),
});
export type Har = z.infer<typeof HarSchema>;

export function emptyHar(creatorVersion: string): Har {
  return { log: { version: '1.2', creator: { name: 'gameaudit', version: creatorVersion }, entries: [] } };
}
