import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Principal } from '@lianzhi/domain';
import { Clock, CurrentUser, Roles } from '@lianzhi/platform';
import { ActivateMatrixVersionDto, CreateMatrixVersionDto } from './matrix.dto';
import { MatrixAdmin } from './matrix-admin';
import { MatrixStore } from './matrix-store';

/** 职责清单 administration: the district office's versions and their history. */
@ApiTags('matrix')
@ApiBearerAuth()
@Controller('matrix/versions')
export class MatrixController {
  constructor(
    private readonly store: MatrixStore,
    private readonly admin: MatrixAdmin,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'supervisor')
  async list() {
    const versions = await this.store.list();
    const inForce = await this.store.inForce(this.clock.now()).catch(() => null);
    return versions.map(({ entries: _entries, ...version }) => ({
      ...version,
      inForce: version.version === inForce?.version,
    }));
  }

  @Get(':version')
  @Roles('admin', 'supervisor')
  async get(@Param('version') version: string) {
    const stored = await this.store.find(version);
    return { ...stored, history: await this.store.history(version) };
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateMatrixVersionDto, @CurrentUser() user: Principal) {
    return this.admin.create(body, user);
  }

  @Post(':version/activate')
  @HttpCode(200)
  @Roles('admin')
  activate(
    @Param('version') version: string,
    @Body() body: ActivateMatrixVersionDto,
    @CurrentUser() user: Principal,
  ) {
    return this.admin.activate(version, body.effectiveFrom, user);
  }
}
