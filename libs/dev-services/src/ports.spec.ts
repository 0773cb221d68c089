import { EMBEDDED_PORTS } from './ports';

describe('embedded service ports', () => {
  const ports = Object.values(EMBEDDED_PORTS);

  it('stay out of the ephemeral ranges outgoing connections draw from, and out of the privileged ones', () => {
    for (const port of ports) {
      expect(port).toBeGreaterThan(1024);
      expect(port).toBeLessThan(32768);
    }
  });

  it('are distinct and none is the usual port of the same kind of service or of the API', () => {
    expect(new Set(ports).size).toBe(ports.length);
    for (const usual of [3000, 5432, 6379, 25, 587, 1025, 1080, 8025]) expect(ports).not.toContain(usual);
  });
});
