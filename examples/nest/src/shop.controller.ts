import { Cors } from '@corsica/cors-nest';
import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Put,
  UnauthorizedException,
} from '@nestjs/common';

interface Item {
  id: string;
  name: string;
}

const items = new Map<string, Item>([['1', { id: '1', name: 'Notebook' }]]);

@Controller()
export class ShopController {
  /** The signed-in user, from a `session` cookie: the allow list, with credentials. */
  @Get('me')
  me(@Headers('cookie') cookie = ''): { user: string } {
    const user = /(?:^|;\s*)session=([^;]+)/.exec(cookie)?.[1];
    // Nest's exception layer answers 401, with the CORS headers, so the page sees the 401.
    if (user === undefined) throw new UnauthorizedException('not signed in');
    return { user };
  }

  @Put('items/:id')
  update(@Param('id') id: string, @Body() changes: Partial<Item>): Item {
    const item = { ...items.get(id), name: 'Untitled', ...changes, id };
    items.set(id, item);
    return item;
  }

  /** Anyone may read the catalogue, anonymously. */
  @Cors({ origins: '*', credentials: false })
  @Get('catalog')
  catalog(): Item[] {
    return [...items.values()];
  }

  /** Called by the payment provider's servers, never by a browser: no CORS at all. */
  @Cors(false)
  @Post('webhooks/payments')
  paymentEvent(): { received: true } {
    return { received: true };
  }
}
