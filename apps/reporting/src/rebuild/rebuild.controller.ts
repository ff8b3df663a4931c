import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@lianzhi/platform';
import { ProjectionRebuild } from './projection-rebuild';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class RebuildController {
  constructor(private readonly rebuild: ProjectionRebuild) {}

  /** Replays every topic from the first offset and swaps the fresh projections in. */
  @Post('rebuild')
  @HttpCode(200)
  @Roles('admin')
  async run() {
    return this.rebuild.rebuild();
  }
}
