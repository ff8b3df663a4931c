import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** What the operator has typed so far. */
export class PreviewRoutingDto {
  @ApiProperty({ example: '顶楼那家在楼顶又搭了个棚子住人' })
  @IsString()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ example: '兖州区鼓楼街道某小区3号楼' })
  @IsString()
  @MaxLength(500)
  address: string;

  @ApiPropertyOptional({ example: 'chengguan.rooftop-construction' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  category?: string;
}
