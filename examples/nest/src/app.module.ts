import { CorsModule } from '@corsica/cors-nest';
import { Module } from '@nestjs/common';
import { ShopController } from './shop.controller.js';

@Module({
  imports: [
    CorsModule.forRoot({
      origins: ['https://app.example.com', 'http://localhost:5173'],
      credentials: true,
      methods: ['PUT'],
      allowedHeaders: ['Content-Type'],
      maxAge: 600,
    }),
  ],
  controllers: [ShopController],
})
export class AppModule {}
