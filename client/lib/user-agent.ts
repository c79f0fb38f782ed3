/**
 * "Firefox on Windows" from a User-Agent header: enough for someone to tell
 * their sessions apart, without a parsing library for one line of text.
 */
export function describeUserAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser =
    /Edg\//.test(agent) ? 'Edge'
    : /OPR\//.test(agent) ? 'Opera'
    : /Firefox\//.test(agent) ? 'Firefox'
    : /Chrome\/|Chromium\//.test(agent) ? 'Chrome'
    : /Safari\//.test(agent) ? 'Safari'
    : /curl\//i.test(agent) ? 'curl'
    : null;
  const system =
    /iPhone|iPad/.test(agent) ? 'iOS'
    : /Android/.test(agent) ? 'Android'
    : /Windows/.test(agent) ? 'Windows'
    : /Mac OS X|Macintosh/.test(agent) ? 'macOS'
    : /Linux|X11/.test(agent) ? 'Linux'
    : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 60);
}
