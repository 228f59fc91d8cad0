import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DecisionDto, DecisionQueryDto, EvaluateSymbolDto, EvaluationDto } from './decision.dto';
import { EvaluationService } from './evaluation.service';

@ApiTags('decisions')
@ApiBearerAuth()
@Controller('api/decisions')
export class DecisionsController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get()
  @ApiOkResponse({ type: [DecisionDto] })
  async find(@Query() query: DecisionQueryDto): Promise<DecisionDto[]> {
    return (await this.evaluation.find(query)).map((decision) => DecisionDto.from(decision));
  }

  @Post('evaluate')
  @HttpCode(200)
  @ApiOkResponse({
    type: EvaluationDto,
    description: 'Every enabled strategy evaluated, and the decision',
  })
  @ApiNotFoundResponse({ description: 'The symbol is not on the watchlist' })
  async evaluate(@Body() { symbol }: EvaluateSymbolDto): Promise<EvaluationDto> {
    return EvaluationDto.from(await this.evaluation.evaluate(symbol));
  }
}
