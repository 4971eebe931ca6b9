/** `npm start`: load config, open the database, serve the API and the web app, print how to log in. */
import { logSerializers } from './app.ts';
import { bootJaring, DEMO_LOGIN_FILE } from './boot.ts';
import { loadConfig } from './config.ts';

const startedAt = performance.now();
const config = loadConfig();
const say = (line: string) => process.stdout.write(`${line}\n`);

const logger = {
  level: config.logLevel,
  serializers: logSerializers,
  // Cookies and credentials never reach the log, whatever a future log line includes.
  redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
  ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' } } } : {}),
};

const jaring = await bootJaring(config, { logger, onProgress: say });
const { app, report } = jaring;
await app.listen({ port: config.port, host: config.host });

const url = `http://localhost:${config.port}`;
const engine = jaring.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
say('');
say(`Jaring is ready at ${url}  (${jaring.regions.served.name}, ${engine}) in ${Math.round(performance.now() - startedAt)} ms`);
say(`API docs: ${url}/api/docs`);
if (report.isDemo) say('DEMO DATA: every person in this database is synthetic (made up). Do not enter real people here.');
if (report.generatedAdminPassword) {
  say('');
  say('First start: an administrator account was created. This password is shown ONCE — write it down:');
  say(`  username: admin    password: ${report.generatedAdminPassword}`);
} else {
  say('Log in as admin with the password from the first start or JARING_ADMIN_PASSWORD (reset: npm run jaring -- reset-password admin).');
}
if (report.demo) {
  say('');
  say(`Demo users (password for all: ${report.demo.password}):`);
  for (const l of report.demo.logins) say(`  ${l.username.padEnd(14)} ${l.role.padEnd(11)} ${l.regionName}`);
} else if (report.isDemo && jaring.database.kind === 'pglite') {
  say(`Demo users and their password: ${config.dataDir}/${DEMO_LOGIN_FILE}`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
