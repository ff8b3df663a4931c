import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { IsString, MaxLength } from 'class-validator';
import { Principal, ROLES } from '@lianzhi/domain';
import { CurrentUser, Public, RateLimited, Roles } from '@lianzhi/platform';
import { NotBlank } from '../create-complaint/text-rules';
import { Users } from './users';

export class SignInDto {
  @ApiProperty({ example: 'op1' })
  @IsString()
  @NotBlank()
  @MaxLength(100)
  username: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @NotBlank()
  @MaxLength(200)
  password: string;
}

export class PrincipalDto {
  @ApiProperty() sub: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiPropertyOptional({ description: 'unit code (liaison)' }) unit?: string;
  @ApiPropertyOptional({ description: 'township code (coordinator)' })
  township?: string;
}

export class SignedInDto {
  @ApiProperty({ description: 'bearer token, 12 hours' }) token: string;
  @ApiProperty({ type: PrincipalDto }) principal: PrincipalDto;
}

@ApiTags('auth')
@Controller('auth')
export class SignInController {
  constructor(
    private readonly users: Users,
    private readonly jwt: JwtService,
  ) {}

  @Post('sign-in')
  @Public()
  @RateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a username and password' })
  @ApiOkResponse({ type: SignedInDto })
  async signIn(@Body() body: SignInDto): Promise<SignedInDto> {
    const principal = await this.users.signIn(body.username, body.password);
    const token = await this.jwt.signAsync({ ...principal });
    return { token, principal };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who the bearer token names' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentUser() user: Principal): PrincipalDto {
    const { sub, name, role, unit, township } = user;
    return { sub, name, role, ...(unit ? { unit } : {}), ...(township ? { township } : {}) };
  }
}
