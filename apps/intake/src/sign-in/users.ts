import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare, hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { DomainError, Principal, Role } from '@lianzhi/domain';
import { DEMO_PASSWORD, demoUsers } from './demo-users';

interface UserRow {
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  unit: string | null;
  township: string | null;
}

const HASH_ROUNDS = 10;

/**
 * The people who may sign in. Demo accounts are added at boot unless
 * INTAKE_DEMO_USERS=off; existing accounts are never overwritten.
 */
@Injectable()
export class Users implements OnApplicationBootstrap {
  private readonly logger = new Logger(Users.name);
  /** Compared against when the user does not exist, so timing tells nothing. */
  private decoy: Promise<string> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.INTAKE_DEMO_USERS === 'off') return;
    const passwordHash = await hash(DEMO_PASSWORD, HASH_ROUNDS);
    const users = demoUsers();
    await this.dataSource.query(
      `insert into intake.users
         (username, password_hash, display_name, role, unit, township)
       select u.username, $1, u.display_name, u.role, u.unit, u.township
         from jsonb_to_recordset($2::jsonb) as u(
           username text, display_name text, role text, unit text, township text)
       on conflict (username) do nothing`,
      [
        passwordHash,
        JSON.stringify(
          users.map((u) => ({
            username: u.username,
            display_name: u.displayName,
            role: u.role,
            unit: u.unit ?? null,
            township: u.township ?? null,
          })),
        ),
      ],
    );
    this.logger.log({ msg: 'demo users present', count: users.length });
  }

  async signIn(username: string, password: string): Promise<Principal> {
    const [row]: UserRow[] = await this.dataSource.query(
      `select username, password_hash, display_name, role, unit, township
         from intake.users where username = $1`,
      [username],
    );
    const stored = row?.password_hash ?? (await this.decoyHash());
    const matches = await compare(password, stored);
    if (!row || !matches) {
      throw new DomainError(
        'AUTH.INVALID_CREDENTIALS',
        'the username or password is wrong',
        'password',
      );
    }
    return {
      sub: row.username,
      name: row.display_name,
      role: row.role,
      ...(row.unit ? { unit: row.unit } : {}),
      ...(row.township ? { township: row.township } : {}),
    };
  }

  private decoyHash(): Promise<string> {
    this.decoy ??= hash('not-a-password', HASH_ROUNDS);
    return this.decoy;
  }
}
