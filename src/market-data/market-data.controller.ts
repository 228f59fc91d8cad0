import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SymbolParamDto } from '../common/dto/symbol-param.dto';
import { BarDto, BarsQueryDto, QuoteDto } from './dto/market-data.dto';
import { MarketDataService } from './market-data.service';

@ApiTags('market data')
@ApiBearerAuth()
@Controller('api/market')
export class MarketDataController {
  constructor(private readonly marketData: MarketDataService) {}

  @Get('quote/:symbol')
  @ApiOkResponse({ type: QuoteDto })
  @ApiNotFoundResponse({ description: 'The symbol is not on the watchlist' })
  async quote(@Param() { symbol }: SymbolParamDto): Promise<QuoteDto> {
    return QuoteDto.from(await this.marketData.quote(symbol));
  }

  @Get('bars/:symbol')
  @ApiOkResponse({ type: [BarDto] })
  @ApiNotFoundResponse({ description: 'The symbol is not on the watchlist' })
  async bars(
    @Param() { symbol }: SymbolParamDto,
    @Query() { limit }: BarsQueryDto,
  ): Promise<BarDto[]> {
    return (await this.marketData.bars(symbol, limit)).map((bar) => BarDto.from(bar));
  }
}
