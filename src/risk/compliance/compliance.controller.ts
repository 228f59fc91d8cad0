import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { ComplianceEventEntity } from './compliance-event.entity';
import { ComplianceService } from './compliance.service';

export class ComplianceQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be between 1 and 500' })
  @Max(500, { message: 'limit must be between 1 and 500' })
  limit: number = 50;
}

@ApiTags('risk')
@ApiBearerAuth()
@Controller('api/compliance')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('events')
  @ApiOkResponse({
    description: 'Good-faith violations, free-riding, restrictions and PDT avoidance, newest first',
  })
  events(@Query() { limit }: ComplianceQueryDto): Promise<ComplianceEventEntity[]> {
    return this.compliance.find(limit);
  }
}
