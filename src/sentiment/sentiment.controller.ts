import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SymbolParamDto } from '../common/dto/symbol-param.dto';
import { SentimentDto } from './sentiment.dto';
import { SentimentService } from './sentiment.service';

@ApiTags('sentiment')
@ApiBearerAuth()
@Controller('api/sentiment')
export class SentimentController {
  constructor(private readonly sentiment: SentimentService) {}

  @Get(':symbol')
  @ApiOkResponse({ type: SentimentDto })
  @ApiNotFoundResponse({ description: 'The symbol is not on the watchlist' })
  async get(@Param() { symbol }: SymbolParamDto): Promise<SentimentDto> {
    return SentimentDto.from(await this.sentiment.sentiment(symbol));
  }
}
