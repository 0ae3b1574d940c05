-- The first pledge template. Its sha256 is over the exact UTF-8 bytes of the body below (tests recompute it):
-- a pledge names the version and hash it was signed under, so changing a stored body shows up as a mismatch.

INSERT INTO pledge_templates (version, title, body, sha256) VALUES (
  1,
  '反诈承诺书',
  '本户家庭成员已听取社区反诈宣传，郑重承诺：
1. 不向陌生人转账汇款，凡是要求“先转账”的一律不转。
2. 不透露银行卡密码和短信验证码，谁问都不说。
3. 安装国家反诈中心APP，并开启来电预警。
4. 接到自称公检法、客服、领导的可疑电话，先挂断，拨打96110核实。
5. 不点陌生链接，不扫来历不明的二维码，不下载陌生APP。
6. 不出租、出借、出售银行卡、电话卡和微信、支付宝账号。
7. 提醒家中老人和孩子：遇事先和家人商量，再做决定。
8. 发现被骗，立即拨打110报警。',
  'e015cdac44f2bd7c950f415975420eadd695df8c670c8b3b1600a1810eca1813'
);
