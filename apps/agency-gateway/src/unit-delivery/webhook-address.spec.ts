import {
  checkDeliveryTarget,
  checkWebhookUrl,
  isForbiddenAddress,
  Lookup,
} from './webhook-address';

describe('webhook addresses', () => {
  it.each([
    'http://127.0.0.1:39999/hook',
    'http://127.1.2.3/',
    'http://[::1]:39999/hook',
    'http://[::]/',
    'http://0.0.0.0:80/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'http://[fc00::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://localhost:3100/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://2130706433/', // 127.0.0.1 as a single number
    'http://0x7f.1/',
  ])('refuses %s', (url) => {
    expect(checkWebhookUrl(url, false)).toBe('host-not-allowed');
  });

  it.each([
    'https://unit.example/lianzhi/events',
    'http://8.8.8.8/hook',
    'http://172.32.0.1/',
    'http://[2001:db8::1]/',
  ])('accepts %s', (url) => {
    expect(checkWebhookUrl(url, false)).toBeNull();
  });

  it('refuses credentials and other schemes even when private hosts are allowed', () => {
    expect(checkWebhookUrl('http://user:pass@127.0.0.1/', true)).toBe('credentials');
    expect(checkWebhookUrl('http://user@unit.example/', true)).toBe('credentials');
    expect(checkWebhookUrl('ftp://unit.example/', true)).toBe('scheme');
    expect(checkWebhookUrl('file:///etc/passwd', true)).toBe('scheme');
    expect(checkWebhookUrl('http://[::1', true)).toBe('malformed');
    expect(checkWebhookUrl('http://127.0.0.1:9/', true)).toBeNull();
  });

  it('judges resolved addresses, IPv4-mapped ones as their IPv4 host', () => {
    expect(isForbiddenAddress('::ffff:169.254.169.254')).toBe(true);
    expect(isForbiddenAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isForbiddenAddress('100.64.0.1')).toBe(true);
    expect(isForbiddenAddress('fe80::1%eth0')).toBe(true);
    expect(isForbiddenAddress('not an address')).toBe(true);
  });

  it('refuses a host name that resolves to a private address at delivery', async () => {
    const lookup: Lookup = async (host) =>
      host === 'rebound.example'
        ? [
            { address: '93.184.216.34', family: 4 },
            { address: '10.0.0.5', family: 4 },
          ]
        : [{ address: '93.184.216.34', family: 4 }];

    const refused = await checkDeliveryTarget('http://rebound.example/x', false, lookup);
    expect(refused?.problem).toBe('host-not-allowed');
    expect(refused?.detail).toContain('10.0.0.5');
    expect(await checkDeliveryTarget('http://unit.example/x', false, lookup)).toBeNull();
    expect(await checkDeliveryTarget('http://rebound.example/x', true, lookup)).toBeNull();
  });
});
