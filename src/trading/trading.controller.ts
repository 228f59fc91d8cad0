import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CycleReport, TradingCycleService } from './trading-cycle.service';

@ApiTags('trading')
@ApiBearerAuth()
@Controller('api/trading')
export class TradingController {
  constructor(private readonly cycles: TradingCycleService) {}

  @Post('cycle')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Runs one trading cycle now and reports what it did per symbol' })
  @ApiConflictResponse({ description: 'A cycle is already running' })
  cycle(): Promise<CycleReport> {
    return this.cycles.run('manual');
  }
}
