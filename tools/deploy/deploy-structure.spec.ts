/**
 * The deployment files (docker/, k8s/) checked against the code they deploy:
 * every port, environment variable, image, health path and topic is read
 * from the sources here, never copied, so a change on either side that the
 * other does not follow fails this test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { TOPICS, TOPIC_PARTITIONS, UNITS, unitTopic } from '@lianzhi/domain';

const root = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const exists = (path: string): boolean => existsSync(join(root, path));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function filesUnder(dir: string, suffix: string): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) {
      return filesUnder(relative(root, path), suffix);
    }
    return name.endsWith(suffix) ? [relative(root, path)] : [];
  });
}

// ---------------------------------------------------------------- the code

/** The workspace folders, from the root package.json's globs (`apps/*`). */
function workspaceFolders(): string[] {
  const globs: string[] = JSON.parse(read('package.json')).workspaces;
  return globs.flatMap((glob) => {
    const parent = glob.replace(/\/\*$/, '');
    return readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((folder) => exists(`${folder}/package.json`));
  });
}

const APPS = workspaceFolders()
  .filter((folder) => folder.startsWith('apps/'))
  .map((folder) => folder.slice('apps/'.length));
const LIBS = workspaceFolders().filter((folder) => folder.startsWith('libs/'));

/**
 * A service's port is its AppModule's defaultPort. An app whose AppModule is
 * not written yet falls back to the port table in docs/architecture.md.
 */
function portOf(app: string): number {
  const modulePath = `apps/${app}/src/app.module.ts`;
  if (exists(modulePath)) {
    const match = /defaultPort:\s*(\d+)/.exec(read(modulePath));
    if (!match) throw new Error(`${modulePath} declares no defaultPort`);
    return Number(match[1]);
  }
  return architecturePort(app);
}

function architecturePort(app: string): number {
  const row = new RegExp(
    `\\|\\s*\`apps/${app}\`\\s*\\|[^\\n]*\\|\\s*(\\d+)\\s*\\|`,
  );
  const match = row.exec(read('docs/architecture.md'));
  if (!match) throw new Error(`no port for ${app} in docs/architecture.md`);
  return Number(match[1]);
}

const envReads = (files: string[]): Set<string> =>
  new Set(
    files.flatMap((file) =>
      [...read(file).matchAll(/env\.([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]),
    ),
  );

const sources = (dir: string): string[] =>
  filesUnder(dir, '.ts').filter((file) => !/\.(e2e-)?spec\.ts$/.test(file));

/** What every service reads through readServiceConfig: each must be set. */
const CONFIG_ENV = envReads(['libs/platform/src/config/service-config.ts']);
/** Every variable any service reads: nothing else may be set. */
const KNOWN_ENV = envReads([
  ...sources('libs/platform/src'),
  ...APPS.flatMap((app) => sources(`apps/${app}/src`)),
]);
/** Switches read as `env.X === 'off'`: demo seeding must be off, the rest on. */
const OFF_SWITCHES = new Set(
  [...KNOWN_ENV].filter((name) =>
    [
      ...sources('libs/platform/src'),
      ...APPS.flatMap((app) => sources(`apps/${app}/src`)),
    ].some((file) => read(file).includes(`env.${name} === 'off'`)),
  ),
);
const DEMO_SWITCHES = [...OFF_SWITCHES].filter((name) => name.includes('DEMO'));

/** Read by Node itself or by libraries, not by our code. */
const RUNTIME_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS', 'TZ']);

/** The paths the HealthController serves. */
const HEALTH_PATHS = [
  ...read('libs/platform/src/health/health.controller.ts').matchAll(
    /@Get\('(health\/[a-z]+)'\)/g,
  ),
].map((m) => `/${m[1]}`);
const LIVE = HEALTH_PATHS.find((p) => p.endsWith('/live'));
const READY = HEALTH_PATHS.find((p) => p.endsWith('/ready'));

const EXPECTED_TOPICS = [
  ...Object.values(TOPICS),
  ...UNITS.map((unit) => unitTopic(unit.code)),
].sort();

const KAFKA_VERSION = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  read('tools/kafka/pom.xml'),
)?.[1];

/** The files tools/register.js reads at runtime (besides @swc/core). */
const REGISTER_READS = [
  ...read('tools/register.js').matchAll(/'(\.[a-z]+rc)'/g),
].map((m) => m[1]);

function checkKnownEnv(names: string[], where: string): void {
  const unknown = names.filter(
    (name) => !KNOWN_ENV.has(name) && !RUNTIME_ENV.has(name),
  );
  expect({ where, unknown }).toEqual({ where, unknown: [] });
}

function checkEnvNames(names: string[], where: string): void {
  checkKnownEnv(names, where);
  const missing = [...CONFIG_ENV].filter((name) => !names.includes(name));
  expect({ where, missing }).toEqual({ where, missing: [] });
}

/** A value, or a compose reference whose default is that value. */
const valueOf = (value: unknown): unknown =>
  typeof value === 'string'
    ? (/^\$\{[A-Z_]+:-([^}]*)\}$/.exec(value)?.[1] ?? value)
    : value;

/** What one service reads: the platform's variables and its own. */
const readsOf = (app: string): Set<string> =>
  envReads([...sources('libs/platform/src'), ...sources(`apps/${app}/src`)]);

function checkRuntimeSettings(
  env: Record<string, unknown>,
  where: string,
  reads: Set<string> = KNOWN_ENV,
) {
  // A manual clock freezes every deadline; a relay or consumer switched off
  // does nothing. They exist for tests only.
  expect({ where, CLOCK: env.CLOCK }).not.toEqual({ where, CLOCK: 'manual' });
  for (const name of [...OFF_SWITCHES].filter((n) => reads.has(n))) {
    const value = valueOf(env[name]);
    if (DEMO_SWITCHES.includes(name)) {
      // Demo accounts share a password published in the sources.
      expect({ where, [name]: value }).toEqual({ where, [name]: 'off' });
    } else {
      expect({ where, [name]: value }).not.toEqual({ where, [name]: 'off' });
    }
  }
  // The services listen on 127.0.0.1 unless told otherwise.
  expect({ where, HOST: env.HOST }).toEqual({ where, HOST: '0.0.0.0' });
}

describe('what the deployment is checked against', () => {
  it('finds the four services, the libraries and the environment they read', () => {
    expect(APPS.length).toBeGreaterThanOrEqual(4);
    expect(LIBS.length).toBeGreaterThanOrEqual(2);
    expect([...CONFIG_ENV]).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'JWT_SECRET',
      ]),
    );
    expect(KNOWN_ENV.has('HOST')).toBe(true);
    expect(OFF_SWITCHES.has('OUTBOX_RELAY')).toBe(true);
    expect(LIVE).toBeDefined();
    expect(READY).toBeDefined();
    expect(KAFKA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each(APPS.filter((app) => exists(`apps/${app}/src/app.module.ts`)))(
    'the architecture table gives %s the port its AppModule declares',
    (app) => {
      expect(architecturePort(app)).toBe(portOf(app));
    },
  );

  it('gives every service its own port', () => {
    const ports = APPS.map(portOf);
    expect(new Set(ports).size).toBe(ports.length);
  });
});

// ---------------------------------------------------------------- Dockerfiles

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

function dockerfile(path: string): Instruction[] {
  return read(path)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function dockerEnv(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of instructions.filter((i) => i.keyword === 'ENV')) {
    for (const [, key, value] of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) {
      env[key] = value;
    }
  }
  return env;
}

/** The instructions of the last stage, the image that runs. */
function finalStage(instructions: Instruction[]): Instruction[] {
  const last = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return instructions.slice(last);
}

describe('Dockerfiles', () => {
  describe.each(APPS)('%s', (app) => {
    const path = `docker/${app}/Dockerfile`;
    const port = portOf(app);
    const all = exists(path) ? dockerfile(path) : [];
    const image = finalStage(all);
    const of = (keyword: string) => image.filter((i) => i.keyword === keyword);

    it('exists', () => {
      expect(exists(path)).toBe(true);
    });

    it('builds on node 20 slim and installs production dependencies only', () => {
      const bases = all.filter((i) => i.keyword === 'FROM');
      expect(bases.length).toBeGreaterThanOrEqual(2);
      for (const base of bases) {
        expect(base.args).toMatch(/^node:20-bookworm-slim\b/);
      }
      expect(all.some((i) => /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    });

    it('copies every workspace manifest before npm ci, as the lockfile names them', () => {
      const copies = all.filter((i) => i.keyword === 'COPY').map((i) => i.args);
      for (const folder of workspaceFolders()) {
        expect(copies).toContain(`${folder}/package.json ${folder}/`);
      }
    });

    it('copies the libraries, the app, the loader and what the loader reads', () => {
      const copies = of('COPY').map((i) => i.args);
      for (const lib of LIBS) expect(copies).toContain(`${lib} ${lib}`);
      expect(copies).toContain(`apps/${app} apps/${app}`);
      expect(copies.join(' ')).toContain('tools/register.js');
      expect(REGISTER_READS.length).toBeGreaterThan(0);
      for (const file of REGISTER_READS) {
        expect(copies.join(' ')).toContain(file);
        expect(exists(file)).toBe(true);
      }
    });

    it('runs as a non-root user', () => {
      const user = of('USER').at(-1)?.args ?? 'root';
      expect(user).not.toMatch(/^(root|0)(:|$)/);
    });

    it('exposes and listens on the port of its AppModule, on every interface', () => {
      expect(of('EXPOSE').map((i) => i.args)).toEqual([String(port)]);
      const env = dockerEnv(image);
      expect(env.PORT).toBe(String(port));
      expect(env.HOST).toBe('0.0.0.0');
      checkKnownEnv(Object.keys(env), `${path} ENV`);
    });

    it('checks its health on the liveness path', () => {
      expect(
        of('HEALTHCHECK')
          .map((i) => i.args)
          .join(' '),
      ).toContain(LIVE);
    });

    it('starts the app through tools/register.js', () => {
      const cmd = JSON.parse(of('CMD').at(-1)?.args ?? '[]');
      const main = `apps/${app}/src/main.ts`;
      expect(cmd).toEqual(['node', '-r', './tools/register.js', main]);
      // An app whose sources are not written yet has nothing to start.
      if (exists(`apps/${app}/src/app.module.ts`)) {
        expect(exists(main)).toBe(true);
      }
    });
  });

  it('keeps dependencies, local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of [
      '.git',
      '.run',
      'tools/kafka/.jars',
      'dist',
      'docker/.env',
    ]) {
      expect(ignored).toContain(entry);
    }
    expect(ignored.some((e) => /(^|\/)node_modules$/.test(e))).toBe(true);
    expect(ignored).not.toContain('tools');
    for (const file of REGISTER_READS) expect(ignored).not.toContain(file);
  });
});

// ---------------------------------------------------------------- compose

describe('docker/compose.yaml', () => {
  const compose: Doc = parse(read('docker/compose.yaml'));
  const services: Record<string, Doc> = compose.services;
  const env = (service: Doc): Record<string, string> =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [
        k,
        String(v ?? ''),
      ]),
    );
  const kafkaEnv = env(services.kafka);

  it('runs the official Kafka image at the version the tests run on, in KRaft mode', () => {
    expect(services.kafka.image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    expect(kafkaEnv.KAFKA_NODE_ID).toBeDefined();
    expect(kafkaEnv.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual([
      'broker',
      'controller',
    ]);
    expect(kafkaEnv.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(kafkaEnv.KAFKA_NUM_PARTITIONS).toBe(String(TOPIC_PARTITIONS));
    expect(services.kafka.healthcheck).toBeDefined();
  });

  it('never creates a topic by accident', () => {
    expect(kafkaEnv.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
  });

  it('creates exactly the topics of the code, with their partition count', () => {
    const init = services['kafka-init'];
    const initEnv = env(init);
    expect(init.image).toBe(services.kafka.image);
    expect(init.depends_on.kafka.condition).toBe('service_healthy');
    expect(initEnv.TOPICS.split(/\s+/).sort()).toEqual(EXPECTED_TOPICS);
    expect(initEnv.PARTITIONS).toBe(String(TOPIC_PARTITIONS));
    const script = [init.entrypoint, init.command].flat().join(' ');
    expect(script).toContain('kafka-topics.sh');
    expect(script).toContain('--if-not-exists');
    expect(script).toContain('$$PARTITIONS');
  });

  it('runs PostgreSQL 16 with a health check', () => {
    expect(services.postgres.image).toMatch(/^postgres:16(\.|$)/);
    expect(services.postgres.healthcheck.test).toBeDefined();
  });

  describe.each(APPS)('%s', (app) => {
    const service = services[app];
    const port = portOf(app);

    it('is built from its own Dockerfile', () => {
      expect(service).toBeDefined();
      expect(service.build.dockerfile).toBe(`docker/${app}/Dockerfile`);
      expect(
        exists(join('docker', service.build.context, service.build.dockerfile)),
      ).toBe(true);
      expect(service.image).toMatch(new RegExp(`^lianzhi/${app}:`));
    });

    it('publishes and listens on the port of its AppModule', () => {
      expect(
        service.ports.map((p: string) => String(p).split(':').at(-1)),
      ).toEqual([String(port)]);
      expect(env(service).PORT).toBe(String(port));
    });

    it('sets every variable the config reads, and no unknown one', () => {
      checkEnvNames(Object.keys(env(service)), `compose ${app}`);
      checkRuntimeSettings(env(service), `compose ${app}`, readsOf(app));
    });

    it('reaches the broker on its advertised listener and PostgreSQL by service name', () => {
      const advertised = kafkaEnv.KAFKA_ADVERTISED_LISTENERS.split(',').map(
        (l) => l.replace(/^[A-Z_]+:\/\//, ''),
      );
      for (const broker of env(service).KAFKA_BROKERS.split(',')) {
        expect(advertised).toContain(broker);
      }
      const host = /@([^:/@]+):(\d+)\//.exec(env(service).DATABASE_URL)?.[1];
      expect(host && services[host]?.image).toMatch(/^postgres:/);
    });

    it('takes its secrets from the environment file, never from the file itself', () => {
      expect(env(service).JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(env(service).DATABASE_URL).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
    });

    it('starts once the database is healthy and the topics exist', () => {
      expect(service.depends_on.postgres.condition).toBe('service_healthy');
      expect(service.depends_on['kafka-init'].condition).toBe(
        'service_completed_successfully',
      );
    });
  });
});

// ---------------------------------------------------------------- Kubernetes

describe('k8s', () => {
  const kustomization: Doc = parse(read('k8s/kustomization.yaml'));
  const resources: string[] = kustomization.resources;
  const docs: Doc[] = resources.flatMap((file) =>
    parseAllDocuments(read(`k8s/${file}`)).map((d) => d.toJS()),
  );
  const find = (kind: string, name?: string): Doc[] =>
    docs.filter(
      (d) => d?.kind === kind && (!name || d.metadata?.name === name),
    );
  const one = (kind: string, name: string): Doc => {
    const found = find(kind, name);
    expect({ kind, name, count: found.length }).toEqual({
      kind,
      name,
      count: 1,
    });
    return found[0];
  };

  const config: Record<string, string> =
    find('ConfigMap', 'lianzhi-config')[0]?.data ?? {};
  const kafka: Doc = find('Kafka')[0];
  const pools: Doc[] = find('KafkaNodePool');
  const brokers = pools
    .filter((p) => p.spec.roles.includes('broker'))
    .reduce((sum, p) => sum + p.spec.replicas, 0);

  it('lists every manifest in kustomization.yaml', () => {
    const onDisk = filesUnder('k8s', '.yaml')
      .map((file) => file.slice('k8s/'.length))
      .filter((file) => file !== 'kustomization.yaml');
    expect([...resources].sort()).toEqual(onDisk.sort());
  });

  it('declares the namespace it deploys into', () => {
    one('Namespace', kustomization.namespace);
  });

  it('commits no secret', () => {
    expect(find('Secret')).toEqual([]);
  });

  it('shares only variables the services read', () => {
    expect(Object.keys(config).length).toBeGreaterThan(0);
    checkKnownEnv(Object.keys(config), 'lianzhi-config');
    checkRuntimeSettings(config, 'lianzhi-config');
  });

  it('points the services at the bootstrap service of the Strimzi cluster', () => {
    const plain = kafka.spec.kafka.listeners.filter(
      (l: Doc) => l.tls === false,
    );
    const bootstrap = plain.map(
      (l: Doc) => `${kafka.metadata.name}-kafka-bootstrap:${l.port}`,
    );
    for (const broker of config.KAFKA_BROKERS.split(',')) {
      expect(bootstrap).toContain(broker);
    }
  });

  it('runs Kafka in KRaft mode with node pools, at the version the tests run on', () => {
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1beta2');
    expect(kafka.metadata.annotations['strimzi.io/kraft']).toBe('enabled');
    expect(kafka.metadata.annotations['strimzi.io/node-pools']).toBe('enabled');
    expect(String(kafka.spec.kafka.version)).toBe(KAFKA_VERSION);
    expect(kafka.spec.kafka.config['auto.create.topics.enable']).toBe(false);
    expect(pools.some((p) => p.spec.roles.includes('controller'))).toBe(true);
    expect(brokers).toBeGreaterThanOrEqual(
      kafka.spec.kafka.config['default.replication.factor'],
    );
    for (const pool of pools) {
      expect(pool.metadata.labels['strimzi.io/cluster']).toBe(
        kafka.metadata.name,
      );
    }
  });

  it('declares exactly the topics of the code, partitioned and replicated as configured', () => {
    const topics: Doc[] = find('KafkaTopic');
    expect(
      topics.map((t) => t.spec.topicName ?? t.metadata.name).sort(),
    ).toEqual(EXPECTED_TOPICS);
    for (const topic of topics) {
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe(
        kafka.metadata.name,
      );
      expect(topic.metadata.name).toMatch(
        /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/,
      );
      expect(topic.spec.partitions).toBe(TOPIC_PARTITIONS);
      expect(topic.spec.replicas).toBe(
        kafka.spec.kafka.config['default.replication.factor'],
      );
      expect(topic.spec.replicas).toBeLessThanOrEqual(brokers);
      expect(topic.spec.config['min.insync.replicas']).toBeLessThan(
        topic.spec.replicas,
      );
    }
  });

  describe.each(APPS)('%s', (app) => {
    const port = portOf(app);
    const deployment: Doc = find('Deployment', app)[0];
    const pod: Doc = deployment?.spec.template.spec;
    const container: Doc = pod?.containers[0];
    const containerPort = (ref: number | string): number | undefined =>
      typeof ref === 'number'
        ? ref
        : container.ports.find((p: Doc) => p.name === ref)?.containerPort;
    const env: Record<string, Doc> = Object.fromEntries(
      (container?.env ?? []).map((e: Doc) => [e.name, e]),
    );

    it('has a Deployment running its image as a non-root user', () => {
      one('Deployment', app);
      expect(pod.containers).toHaveLength(1);
      expect(container.image.split(':')[0]).toBe(`lianzhi/${app}`);
      expect(kustomization.images.map((i: Doc) => i.name)).toContain(
        `lianzhi/${app}`,
      );
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    });

    it('listens on the port of its AppModule', () => {
      expect(container.ports.map((p: Doc) => p.containerPort)).toEqual([port]);
      expect(env.PORT.value).toBe(String(port));
    });

    it('gets every variable the config reads, the secrets by reference', () => {
      expect(container.envFrom).toContainEqual({
        configMapRef: { name: 'lianzhi-config' },
      });
      checkEnvNames(
        [...Object.keys(config), ...Object.keys(env)],
        `Deployment ${app}`,
      );
      for (const name of ['DATABASE_URL', 'JWT_SECRET']) {
        expect(env[name].value).toBeUndefined();
        expect(env[name].valueFrom.secretKeyRef).toEqual({
          name: 'lianzhi-secrets',
          key: name,
        });
      }
    });

    it('probes liveness and readiness on the paths the HealthController serves', () => {
      expect(container.livenessProbe.httpGet.path).toBe(LIVE);
      expect(container.readinessProbe.httpGet.path).toBe(READY);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        if (!container[probe]) continue;
        expect(containerPort(container[probe].httpGet.port)).toBe(port);
      }
    });

    it('requests and limits its resources', () => {
      expect(container.resources.requests.memory).toBeDefined();
      expect(container.resources.requests.cpu).toBeDefined();
      expect(container.resources.limits.memory).toBeDefined();
    });

    it('has a Service that reaches the pods on the service port', () => {
      const service = one('Service', app);
      const labels = deployment.spec.template.metadata.labels;
      for (const [key, value] of Object.entries(service.spec.selector)) {
        expect(labels[key]).toBe(value);
      }
      expect(deployment.spec.selector.matchLabels).toEqual(
        service.spec.selector,
      );
      expect(
        service.spec.ports.map((p: Doc) => containerPort(p.targetPort)),
      ).toEqual([port]);
    });

    it('scales with an autoscaler, never past one pod per partition', () => {
      const hpa = one('HorizontalPodAutoscaler', app);
      expect(hpa.spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: app,
      });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(TOPIC_PARTITIONS);
      // The autoscaler owns the count; a fixed one would fight it on apply.
      expect(deployment.spec.replicas).toBeUndefined();
    });
  });
});
