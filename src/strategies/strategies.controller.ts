import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EvaluateStrategyDto, SignalDto, SignalQueryDto } from './dto/signal.dto';
import { StrategyDto, UpdateStrategyDto } from './dto/strategy.dto';
import { SignalsService } from './signals.service';
import { StrategyRegistry } from './strategy-registry.service';

@ApiTags('strategies')
@ApiBearerAuth()
@Controller('api')
export class StrategiesController {
  constructor(
    private readonly registry: StrategyRegistry,
    private readonly signals: SignalsService,
  ) {}

  @Get('strategies')
  @ApiOkResponse({ type: [StrategyDto] })
  list(): StrategyDto[] {
    return this.registry.list().map((state) => StrategyDto.from(state));
  }

  @Patch('strategies/:name')
  @ApiOkResponse({ type: StrategyDto })
  @ApiNotFoundResponse({ description: 'No strategy of that name' })
  async update(
    @Param('name') name: string,
    @Body() update: UpdateStrategyDto,
  ): Promise<StrategyDto> {
    return StrategyDto.from(await this.registry.update(name, update));
  }

  @Post('strategies/:name/evaluate')
  @HttpCode(200)
  @ApiOkResponse({ type: SignalDto, description: 'The signal, also stored' })
  @ApiNotFoundResponse({ description: 'Unknown strategy, or a symbol not on the watchlist' })
  async evaluate(
    @Param('name') name: string,
    @Body() { symbol }: EvaluateStrategyDto,
  ): Promise<SignalDto> {
    return SignalDto.from(await this.signals.generate(name, symbol));
  }

  @Get('signals')
  @ApiOkResponse({ type: [SignalDto] })
  async find(@Query() query: SignalQueryDto): Promise<SignalDto[]> {
    return (await this.signals.find(query)).map((signal) => SignalDto.from(signal));
  }
}
