import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ComplianceEventEntity } from './compliance-event.entity';
import { ComplianceService } from './compliance.service';
import { LimitQueryDto } from '../../common/dto/query.decorators';

export class ComplianceQueryDto extends LimitQueryDto {}

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
